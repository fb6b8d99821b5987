"""POST/PATCH/PUT/DELETE /api/v1/chat/messages: storing, editing and deleting messages."""

import uuid

import pytest
from flask import g

from app import db
from app.auth.access import AuthContext
from app.chat.operations import _with_session
from app.http import ApiError, RawJSON
from tests.helpers import assert_error
from tests.test_chat_helpers import CHAT, count, rows, store


def messages_of(conn, session_id):
    return rows(
        conn,
        "SELECT * FROM aiapp.chat_messages WHERE session_id = %s ORDER BY created_at, message_id",
        session_id,
    )


def session_row(conn, session_id):
    return rows(conn, "SELECT * FROM aiapp.chat_sessions WHERE session_id = %s", session_id)[0]


def test_post_creates_the_session_and_both_messages(client, alice, conn):
    response = client.post(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={
            "customer_id": alice.customer_id,
            "userMessage": {
                "message": "Jak się masz?",
                "image_locations": ["https://files.example.com/a.png"],
                "isUserMessage": True,  # an extra key the original clients send: ignored
            },
            "aiResponse": {
                "message": "Dobrze, dziękuję.",
                "ai_reasoning": "polite",
                "api_text_gen_model_name": "gpt-4o",
                "api_text_gen_settings": {"temperature": 0.2},
                "chart_data": [{"type": "bar"}],
                "responding_agent": "sherlock",
                "time_to_first_token_ms": 120,
                "total_generation_ms": 900,
            },
            "tags": ["Work"],
            "user_settings": {"text": {"ai_character": "sherlock"}},
        },
    )
    assert response.status_code == 200, response.json
    data = response.json["data"]
    assert set(data) == {"user_message_id", "ai_message_id", "session_id"}
    session = session_row(conn, data["session_id"])
    assert session["customer_id"] == alice.customer_id
    assert (session["session_name"], session["ai_character_name"]) == ("New chat", "sherlock")
    assert session["tags"] == ["Work"]
    user, ai = messages_of(conn, data["session_id"])
    assert (user["message_id"], ai["message_id"]) == (
        data["user_message_id"],
        data["ai_message_id"],
    )
    assert (user["sender"], user["message"]) == ("User", "Jak się masz?")
    assert user["image_locations"] == ["https://files.example.com/a.png"]
    assert (ai["sender"], ai["ai_reasoning"], ai["responding_agent"]) == (
        "AI",
        "polite",
        "sherlock",
    )
    assert ai["api_text_gen_settings"] == {"temperature": 0.2}
    assert ai["chart_data"] == [{"type": "bar"}]
    assert (ai["time_to_first_token_ms"], ai["total_generation_ms"]) == (120, 900)
    assert ai["favorite"] is False
    assert ai["file_locations"] == []


def test_post_into_a_session_changes_only_the_fields_sent(client, alice, conn):
    first = store(client, alice, "one", session_name="Trip", tags=["travel"])
    before = session_row(conn, first["session_id"])
    second = store(client, alice, "two", ai="answer", session_id=first["session_id"])
    assert second["session_id"] == first["session_id"]
    after = session_row(conn, first["session_id"])
    assert (after["session_name"], after["tags"]) == ("Trip", ["travel"])
    assert after["last_update"] > before["last_update"]
    assert [m["message"] for m in messages_of(conn, first["session_id"])] == [
        "one",
        "two",
        "answer",
    ]
    kept = store(client, alice, "three", session_id=first["session_id"], update_last_mod_time=False)
    assert session_row(conn, kept["session_id"])["last_update"] == after["last_update"]


def test_post_can_answer_with_the_session_and_its_messages(client, alice):
    data = store(client, alice, "hi", ai="hello", include_messages=True, session_name="Greeting")
    session = data["session"]
    assert session["session_id"] == data["session_id"]
    assert session["session_name"] == "Greeting"
    assert [m["message"] for m in session["messages"]] == ["hi", "hello"]
    assert [m["message_id"] for m in session["messages"]] == [
        data["user_message_id"],
        data["ai_message_id"],
    ]


def test_an_ai_response_without_content_is_not_stored(client, alice, conn):
    response = client.post(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={"user_message": {"message": "hi"}, "ai_response": {"is_tts": True}},
    )
    assert response.json["data"]["ai_message_id"] is None
    assert count(conn, "chat_messages") == 1


def test_top_level_claude_code_data_goes_on_both_messages(client, alice, conn):
    data = store(client, alice, "run it", ai="done", claude_code_data={"cwd": "/repo"})
    assert [m["claude_code_data"] for m in messages_of(conn, data["session_id"])] == [
        {"cwd": "/repo"},
        {"cwd": "/repo"},
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "user_message"),
        ({"user_message": {"is_tts": True}}, "user_message"),
        ({"user_message": {"message": "x"}, "colour": "red"}, "colour"),
        ({"user_message": {"message": "x"}, "session_name": "n" * 101}, "session_name"),
        ({"user_message": {"message": "x"}, "session_id": ["not", "text"]}, "session_id"),
        ({"user_message": {"message": 42}}, "user_message"),
        ({"user_message": {"message": "x", "sender": "Robot"}}, "user_message"),
        ({"user_message": {"message": "x", "total_generation_ms": -1}}, "user_message"),
        ({"user_message": {"message": "x"}, "tags": "work"}, "tags"),
    ],
)
def test_bad_input_is_400_and_writes_nothing(client, alice, conn, body, field):
    response = client.post(f"{CHAT}/messages", headers=alice.headers, json=body)
    assert_error(response, 400, field)
    assert count(conn, "chat_sessions") == 0
    assert count(conn, "chat_messages") == 0


def test_a_failure_half_way_leaves_no_session_and_no_message(client, alice, conn):
    # The database refuses AI messages for this test: the second insert of the statement fails.
    conn.execute("ALTER TABLE aiapp.chat_messages ADD CONSTRAINT test_no_ai CHECK (sender <> 'AI')")
    response = client.post(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={"user_message": {"message": "hi"}, "ai_response": {"message": "refused"}},
    )
    assert_error(response, 400)
    assert count(conn, "chat_sessions") == 0
    assert count(conn, "chat_messages") == 0


def test_another_users_session_is_404_and_nothing_is_written(client, alice, bob, conn):
    session_id = store(client, alice, "private")["session_id"]
    response = client.post(
        f"{CHAT}/messages",
        headers=bob.headers,
        json={"session_id": session_id, "user_message": {"message": "intrusion"}},
    )
    assert_error(response, 404)
    assert [m["message"] for m in messages_of(conn, session_id)] == ["private"]
    unknown = client.post(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={"session_id": str(uuid.uuid4()), "user_message": {"message": "lost"}},
    )
    assert_error(unknown, 404)
    assert count(conn, "chat_messages") == 1


def test_routes_need_a_token(client):
    assert_error(client.post(f"{CHAT}/messages", json={"user_message": {"message": "x"}}), 401)
    assert_error(client.put(f"{CHAT}/messages", json={"message_id": 1}), 401)


def test_admin_acts_for_a_user_with_customer_id(client, alice, admin, conn):
    response = client.post(
        f"{CHAT}/messages",
        headers=admin.headers,
        json={"customer_id": alice.customer_id, "user_message": {"message": "by the worker"}},
    )
    session_id = response.json["data"]["session_id"]
    assert session_row(conn, session_id)["customer_id"] == alice.customer_id
    assert messages_of(conn, session_id)[0]["customer_id"] == alice.customer_id


def test_a_user_token_naming_another_customer_is_403(client, alice, bob, conn):
    response = client.post(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={"customer_id": bob.customer_id, "user_message": {"message": "as bob"}},
    )
    assert_error(response, 403)
    assert count(conn, "chat_messages") == 0


SESSION_FIELDS = {
    "session_name": "Trip",
    "ai_character_name": "sherlock",
    "ai_text_gen_model": "gpt-4o",
    "tags": ["travel"],
    "auto_trigger_tts": True,
    "claude_session_id": "c-1",
}


def session_fields(conn, session_id):
    row = session_row(conn, session_id)
    return {key: row[key] for key in SESSION_FIELDS}


def test_message_writes_keep_session_fields_sent_as_null_and_set_those_with_a_value(
    client, alice, conn
):
    # As in the original, a message write never clears a session field: null keeps it.
    session_id = store(client, alice, "one", **SESSION_FIELDS)["session_id"]
    assert session_fields(conn, session_id) == SESSION_FIELDS
    nulls = dict.fromkeys(SESSION_FIELDS)
    store(client, alice, "two", ai="answer", session_id=session_id, **nulls)
    assert session_fields(conn, session_id) == SESSION_FIELDS
    edit = {"session_id": session_id, "user_message": {"message": "three"}, **nulls}
    response = client.patch(f"{CHAT}/messages", headers=alice.headers, json=edit)
    assert response.status_code == 200, response.json
    assert session_fields(conn, session_id) == SESSION_FIELDS
    changed = {"session_name": "Home", "tags": [], "auto_trigger_tts": False}
    edit = {"session_id": session_id, "user_message": {"message": "four"}, **changed}
    response = client.patch(f"{CHAT}/messages", headers=alice.headers, json=edit)
    assert response.status_code == 200, response.json
    assert session_fields(conn, session_id) == {**SESSION_FIELDS, **changed}
    store(client, alice, "five", session_id=session_id, ai_text_gen_model="o3")
    assert session_row(conn, session_id)["ai_text_gen_model"] == "o3"


# -- PATCH /messages


def test_patch_edits_only_the_fields_sent(client, alice, conn):
    data = store(client, alice, "draft", ai="first answer")
    response = client.patch(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={
            "session_id": data["session_id"],
            "session_name": "Edited",
            "user_message": {"message_id": data["user_message_id"], "message": "final"},
            "ai_response": {"message_id": data["ai_message_id"], "favorite": True},
        },
    )
    assert response.status_code == 200, response.json
    result = response.json["data"]
    assert (result["user_message_id"], result["ai_message_id"]) == (
        data["user_message_id"],
        data["ai_message_id"],
    )
    assert result["replaced"] == []
    assert result["session"]["session_name"] == "Edited"
    user, ai = messages_of(conn, data["session_id"])
    assert user["message"] == "final"
    assert (ai["message"], ai["favorite"]) == ("first answer", True)
    assert [m["message"] for m in result["session"]["messages"]] == ["final", "first answer"]


def test_patch_stores_a_deleted_message_again_and_says_so(client, alice, conn):
    data = store(client, alice, "question", ai="answer")
    conn.execute("DELETE FROM aiapp.chat_messages WHERE message_id = %s", (data["ai_message_id"],))
    response = client.patch(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={
            "session_id": data["session_id"],
            "ai_response": {"message_id": data["ai_message_id"], "message": "answer again"},
        },
    )
    result = response.json["data"]
    assert result["replaced"] == ["ai_response"]
    assert result["ai_message_id"] != data["ai_message_id"]
    assert result["user_message_id"] is None
    stored = messages_of(conn, data["session_id"])
    assert [(m["sender"], m["message"]) for m in stored] == [
        ("User", "question"),
        ("AI", "answer again"),
    ]


def test_patch_without_ids_adds_messages_and_without_session_creates_one(client, alice, conn):
    response = client.patch(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={"user_message": {"message_id": 0, "message": "new"}, "ai_character_name": "yoda"},
    )
    result = response.json["data"]
    assert result["replaced"] == []
    assert "session" not in result
    assert session_row(conn, result["session_id"])["ai_character_name"] == "yoda"
    assert [m["message"] for m in messages_of(conn, result["session_id"])] == ["new"]


def test_patch_on_another_users_session_or_message_changes_nothing(client, alice, bob, conn):
    data = store(client, alice, "mine")
    response = client.patch(
        f"{CHAT}/messages",
        headers=bob.headers,
        json={
            "session_id": data["session_id"],
            "user_message": {"message_id": data["user_message_id"], "message": "hacked"},
        },
    )
    assert_error(response, 404)
    own = store(client, bob, "bob's")
    sideways = client.patch(
        f"{CHAT}/messages",
        headers=bob.headers,
        json={
            "session_id": own["session_id"],
            "user_message": {"message_id": data["user_message_id"], "message": "hacked"},
        },
    )
    assert sideways.json["data"]["replaced"] == ["user_message"]  # stored as bob's own message
    assert messages_of(conn, data["session_id"])[0]["message"] == "mine"


def test_patch_needs_a_message(client, alice):
    assert_error(client.patch(f"{CHAT}/messages", headers=alice.headers, json={}), 400)


# -- PUT /messages


def test_put_patches_one_message(client, alice, conn):
    data = store(client, alice, "look", ai="a picture")
    message_id = data["ai_message_id"]
    response = client.put(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={
            "message_id": message_id,
            "patch": {"favorite": True, "image_locations": ["a.png"], "unknownKey": 1},
        },
    )
    assert response.json["data"] == {"message_id": message_id}
    appended = client.put(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={
            "message_id": message_id,
            "append_image_locations": True,
            "patch": {"image_locations": ["b.png"]},
        },
    )
    assert appended.status_code == 200
    ai = messages_of(conn, data["session_id"])[1]
    assert (ai["favorite"], ai["image_locations"], ai["message"]) == (
        True,
        ["a.png", "b.png"],
        "a picture",
    )
    replaced = client.put(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={"message_id": message_id, "patch": {"image_locations": ["c.png"]}},
    )
    assert replaced.status_code == 200
    assert messages_of(conn, data["session_id"])[1]["image_locations"] == ["c.png"]


def test_put_without_patch_changes_nothing(client, alice, conn):
    data = store(client, alice, "same")
    response = client.put(
        f"{CHAT}/messages", headers=alice.headers, json={"message_id": data["user_message_id"]}
    )
    assert response.json["data"] == {"message_id": data["user_message_id"]}
    assert messages_of(conn, data["session_id"])[0]["message"] == "same"


def test_put_on_another_users_or_a_missing_message_is_404(client, alice, bob, conn):
    data = store(client, alice, "mine")
    attempt = {"message_id": data["user_message_id"], "patch": {"message": "hacked"}}
    assert_error(client.put(f"{CHAT}/messages", headers=bob.headers, json=attempt), 404)
    missing = {"message_id": 999999, "patch": {"message": "x"}}
    assert_error(client.put(f"{CHAT}/messages", headers=alice.headers, json=missing), 404)
    assert messages_of(conn, data["session_id"])[0]["message"] == "mine"
    assert_error(
        client.put(f"{CHAT}/messages", headers=alice.headers, json={"message_id": 0}),
        400,
        "message_id",
    )


# -- DELETE /messages


def test_delete_removes_the_listed_messages_of_the_session(client, alice, conn):
    data = store(client, alice, "q1", ai="a1")
    other = store(client, alice, "elsewhere")
    response = client.delete(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={
            "session_id": data["session_id"],
            "message_ids": [data["ai_message_id"], other["user_message_id"]],
        },
    )
    assert response.json["data"] == {
        "removed_count": 1,
        "message_ids": [data["ai_message_id"]],
        "session_id": data["session_id"],
    }
    assert [m["message"] for m in messages_of(conn, data["session_id"])] == ["q1"]
    assert [m["message"] for m in messages_of(conn, other["session_id"])] == ["elsewhere"]


def test_delete_in_another_users_session_is_404(client, alice, bob, conn):
    data = store(client, alice, "keep me")
    response = client.delete(
        f"{CHAT}/messages",
        headers=bob.headers,
        json={"session_id": data["session_id"], "message_ids": [data["user_message_id"]]},
    )
    assert_error(response, 404)
    assert count(conn, "chat_messages") == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"message_ids": [1]}, "session_id"),
        ({"session_id": "00000000-0000-0000-0000-000000000000", "message_ids": []}, "message_ids"),
        ({"session_id": "00000000-0000-0000-0000-000000000000", "message_ids": [0]}, "message_ids"),
    ],
)
def test_delete_bad_input_is_400(client, alice, body, field):
    assert_error(client.delete(f"{CHAT}/messages", headers=alice.headers, json=body), 400, field)


def test_a_session_gone_before_the_write_is_answered_is_a_404(app, alice):
    """select_session finds nothing when a request in between deleted the session: the write's
    answer is then a 404 (which rolls the write back), never a body with `null` spliced in."""
    with app.test_request_context("/"), db.unit_of_work("main"):
        g.auth = AuthContext(alice.customer_id, alice.customer_id, "user", token_id=1)
        db.set_row_security(alice.customer_id)
        with pytest.raises(ApiError) as refused:
            _with_session(RawJSON('{"user_message_id" : 1}'), uuid.uuid4(), include=True)
    assert refused.value.code == 404
