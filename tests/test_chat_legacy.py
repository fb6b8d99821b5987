"""POST /api/v1/chat/legacy: the old automation payload, mapped onto the chat routes."""

import pytest

from tests.helpers import TEST_PASSWORD, assert_error
from tests.test_chat_helpers import CHAT, count, rows, store


def legacy(client, account, action, user_input=None, **top):
    body = {
        "category": "provider.db",
        "action": action,
        "user_input": user_input or {},
        "customer_id": account.customer_id,
        **top,
    }
    return client.post(f"{CHAT}/legacy", headers=account.headers, json=body)


def result(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.json
    assert (body["code"], body["success"], body["message"]["status"]) == (200, True, "completed")
    return body["message"]["result"]


def test_message_actions(client, alice, conn):
    new = result(
        legacy(
            client,
            alice,
            "db_new_message",
            {"userMessage": {"message": "hi"}, "aiResponse": {"message": "hello"}},
            user_settings={"text": {"ai_character": "yoda"}},
        )
    )
    session_id = new["session_id"]
    stored = rows(conn, "SELECT ai_character_name FROM aiapp.chat_sessions")
    assert stored == [{"ai_character_name": "yoda"}]
    edited = result(
        legacy(
            client,
            alice,
            "db_edit_message",
            {
                "new_session_name": "Renamed",
                "user_message": {"message_id": new["user_message_id"], "message": "hi there"},
            },
            session_id=session_id,
        )
    )
    assert edited["session"]["session_name"] == "Renamed"
    assert [m["message"] for m in edited["session"]["messages"]] == ["hi there", "hello"]
    updated = result(
        legacy(
            client,
            alice,
            "db_update_message",
            {"message_id": new["ai_message_id"], "message": "hello!", "image_locations": ["a.png"]},
        )
    )
    assert updated == {"message_id": new["ai_message_id"]}
    ai = rows(conn, "SELECT * FROM aiapp.chat_messages WHERE message_id = %s", new["ai_message_id"])
    assert (ai[0]["message"], ai[0]["image_locations"]) == ("hello!", ["a.png"])
    removed = result(
        legacy(
            client,
            alice,
            "db_remove_messages",
            {"session_id": session_id, "message_ids": [new["ai_message_id"]]},
        )
    )
    assert removed["removed_count"] == 1


def test_session_actions(client, alice, conn):
    session_id = store(client, alice, "zebra crossing", session_name="Walk")["session_id"]
    listed = result(legacy(client, alice, "db_all_sessions_for_user", {"limit": 5}))
    assert [s["session_id"] for s in listed["sessions"]] == [session_id]
    detail = result(legacy(client, alice, "db_get_user_session", {"session_id": session_id}))
    assert [m["message"] for m in detail["session"]["messages"]] == ["zebra crossing"]
    found = result(legacy(client, alice, "db_search_messages", {"searchText": "zebra"}))
    assert found["count"] == 1
    updated = result(
        legacy(
            client,
            alice,
            "db_update_session",
            {
                "session_id": session_id,
                "new_session_name": "Walk 2",
                "update_last_mod_time_in_db": False,
            },
        )
    )
    assert updated["session"]["session_name"] == "Walk 2"
    removed = result(legacy(client, alice, "db_remove_session", {"session_id": session_id}))
    assert (removed["removed_count"], removed["session_id"]) == (1, session_id)
    assert count(conn, "chat_sessions") == 0


def test_prompt_actions(client, alice):
    added = result(legacy(client, alice, "db_add_prompt", {"title": "T", "promptText": "P"}))
    prompt_id = added["prompt_id"]
    edited = result(
        legacy(client, alice, "db_edit_prompt", {"prompt_id": prompt_id, "title": "T2"})
    )
    assert (edited["title"], edited["prompt"]) == ("T2", "P")
    listed = result(legacy(client, alice, "db_get_all_prompts"))
    assert [p["title"] for p in listed["prompts"]] == ["T2"]
    removed = result(legacy(client, alice, "db_remove_prompt", {"prompt_id": prompt_id}))
    assert removed == {"removed_count": 1, "prompt_id": prompt_id}


def test_maintenance_and_login_actions(client, alice):
    response = client.post(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={"user_message": {"message": "fav", "file_locations": ["doc.pdf"], "favorite": True}},
    )
    data = response.json["data"]
    favorites = result(legacy(client, alice, "db_get_favorite_messages"))
    assert [m["message_id"] for m in favorites["session"]["messages"]] == [data["user_message_id"]]
    files = result(
        legacy(client, alice, "db_get_messages_with_files_attached", {"file_extension": ".pdf"})
    )
    assert [m["message_id"] for m in files["messages"]] == [data["user_message_id"]]
    login = result(
        legacy(client, alice, "db_auth_user", {"username": alice.email, "password": TEST_PASSWORD})
    )
    assert (login["customer_id"], login["token_type"]) == (alice.customer_id, "Bearer")


# The actions of the issue's mapping table, each of which the old clients send.
ISSUE_ACTIONS = (
    "db_new_message",
    "db_edit_message",
    "db_update_message",
    "db_remove_messages",
    "db_all_sessions_for_user",
    "db_get_user_session",
    "db_search_messages",
    "db_update_session",
    "db_remove_session",
    "db_get_all_prompts",
    "db_add_prompt",
    "db_edit_prompt",
    "db_remove_prompt",
    "db_auth_user",
    "db_get_favorite_messages",
    "db_get_messages_with_files_attached",
)


def test_an_unknown_action_is_400_naming_every_supported_one(client, alice):
    body = assert_error(legacy(client, alice, "db_drop_everything"), 400, "action")
    supported = body["message"].split("supported actions: ")[1].rstrip(".").split(", ")
    assert sorted(supported) == sorted(ISSUE_ACTIONS)


def test_route_validation_applies_and_nothing_is_written(client, alice, conn):
    response = legacy(client, alice, "db_new_message", {"user_message": {"message": ""}})
    assert_error(response, 400, "user_message")
    response = legacy(client, alice, "db_add_prompt", {"title": "t" * 101, "prompt": "p"})
    assert_error(response, 400, "title")
    assert count(conn, "chat_sessions") + count(conn, "prompts") == 0


def test_legacy_acts_only_for_the_checked_customer(client, alice, bob, admin, conn):
    assert_error(client.post(f"{CHAT}/legacy", json={"action": "db_get_all_prompts"}), 401)
    other = {"action": "db_get_all_prompts", "customer_id": bob.customer_id}
    assert_error(client.post(f"{CHAT}/legacy", headers=alice.headers, json=other), 403)
    nested = legacy(client, alice, "db_get_all_prompts", {"customer_id": bob.customer_id})
    assert_error(nested, 400, "user_input")
    session_id = store(client, alice, "mine")["session_id"]
    stolen = legacy(client, bob, "db_get_user_session", {"session_id": session_id})
    assert_error(stolen, 404)
    acting = client.post(
        f"{CHAT}/legacy",
        headers=admin.headers,
        json={
            "action": "db_get_user_session",
            "customer_id": alice.customer_id,
            "user_input": {"session_id": session_id},
        },
    )
    assert result(acting)["session"]["customer_id"] == alice.customer_id


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"user_input": {}}, "action"),
        ({"action": "db_get_all_prompts", "category": "provider.other"}, "category"),
        ({"action": "db_get_all_prompts", "user_input": "text"}, "user_input"),
        ({"action": "db_get_all_prompts", "extra": 1}, "extra"),
    ],
)
def test_bad_legacy_payload_is_400(client, alice, body, field):
    assert_error(client.post(f"{CHAT}/legacy", headers=alice.headers, json=body), 400, field)
