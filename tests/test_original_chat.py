"""The original's chat clients, replayed: every route of features/chat (history routes and
group routes) sent the original's own request model, field by field (customer_id in every
body, its aliases, its defaults), answered in its shape."""

from __future__ import annotations

from tests.helpers import TEST_PASSWORD, assert_error
from tests.test_chat_helpers import CHAT

# CreateMessageRequest with every field, MessageContent with every field it declared.
USER_MESSAGE = {
    "message_id": None,
    "sender": "User",
    "message": "What is a good pizza dough?",
    "ai_reasoning": None,
    "image_locations": ["https://img.example.com/a.png"],
    "chart_data": [],
    "file_locations": ["notes.pdf"],
    "ai_character_name": "assistant",
    "api_text_gen_model_name": None,
    "api_text_gen_settings": None,
    "api_tts_gen_model_name": None,
    "api_image_gen_settings": None,
    "image_generation_request": None,
    "claude_code_data": None,
    "is_tts": False,
    "is_gps_location_message": False,
    "favorite": True,
    "show_transcribe_button": False,
    "test_mode": False,
}
AI_RESPONSE = {
    "sender": "AI",
    "message": "Flour, water, salt and yeast.",
    "ai_reasoning": "Classic Neapolitan.",
    "image_locations": [],
    "chart_data": [{"type": "bar", "values": [1, 2]}],
    "file_locations": [],
    "ai_character_name": "assistant",
    "api_text_gen_model_name": "gpt-4o",
    "api_text_gen_settings": {"temperature": 0.2},
    "api_tts_gen_model_name": None,
    "api_image_gen_settings": None,
    "image_generation_request": None,
    "claude_code_data": None,
    "is_tts": False,
    "is_gps_location_message": False,
    "favorite": False,
    "show_transcribe_button": True,
    "test_mode": False,
}


def create(client, account, **overrides):
    body = {
        "customer_id": account.customer_id,
        "session_id": None,
        "session_name": "Pizza",
        "ai_character_name": "assistant",
        "ai_text_gen_model": "gpt-4o",
        "tags": ["food"],
        "auto_trigger_tts": False,
        "claude_session_id": None,
        "user_message": USER_MESSAGE,
        "ai_response": AI_RESPONSE,
        "update_last_mod_time": True,
        "claude_code_data": None,
        "include_messages": False,
        "user_settings": {"general": {"language": "en"}},
        **overrides,
    }
    response = client.post(f"{CHAT}/messages", json=body, headers=account.headers)
    assert response.status_code == 200, response.json
    return response.json["data"]


def test_post_messages(client, alice):
    data = create(client, alice)
    assert data["session_id"]
    assert data["user_message_id"]
    assert data["ai_message_id"] > data["user_message_id"]


def test_patch_messages_edit(client, alice):
    made = create(client, alice)
    body = {
        "customer_id": alice.customer_id,
        "session_id": made["session_id"],
        "session_name": "Pizza night",
        "ai_character_name": "assistant",
        "ai_text_gen_model": "gpt-4o",
        "tags": ["food"],
        "auto_trigger_tts": False,
        "claude_session_id": None,
        "user_message": {
            **USER_MESSAGE,
            "message_id": made["user_message_id"],
            "message": "Dough?",
        },
        "ai_response": None,
        "update_last_mod_time": True,
        "claude_code_data": None,
        "user_settings": {},
    }
    response = client.patch(f"{CHAT}/messages", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json


def test_put_messages_update(client, alice):
    made = create(client, alice)
    body = {
        "customer_id": alice.customer_id,
        "message_id": made["ai_message_id"],
        "patch": {"message": "Flour, water, salt.", "favorite": True, "image_locations": ["b.png"]},
        "append_image_locations": True,
    }
    response = client.put(f"{CHAT}/messages", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json
    assert response.json["data"]["message_id"] == made["ai_message_id"]


def test_delete_messages(client, alice):
    made = create(client, alice)
    body = {
        "customer_id": alice.customer_id,
        "session_id": made["session_id"],
        "message_ids": [made["ai_message_id"]],
    }
    response = client.delete(f"{CHAT}/messages", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json


def test_sessions_list_with_every_field_and_limit_zero_meaning_all(client, alice):
    for n in range(3):
        create(client, alice, session_name=f"s{n}")
    body = {
        "customer_id": alice.customer_id,
        "start_date": None,
        "end_date": None,
        "tags": [],
        "ai_character_name": None,
        "task_status": None,
        "task_priority": None,
        "offset": 0,
        "limit": 0,
        "include_messages": False,
    }
    response = client.post(f"{CHAT}/sessions/list", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json
    assert len(response.json["data"]["sessions"]) == 3
    limited = client.post(f"{CHAT}/sessions/list", json={**body, "limit": 2}, headers=alice.headers)
    assert len(limited.json["data"]["sessions"]) == 2
    too_many = client.post(
        f"{CHAT}/sessions/list", json={**body, "limit": 5000}, headers=alice.headers
    )
    assert "200" in assert_error(too_many, 400, "limit")["data"]["errors"]["limit"][0]


def test_sessions_detail(client, alice):
    made = create(client, alice)
    body = {
        "customer_id": alice.customer_id,
        "session_id": made["session_id"],
        "ai_character_name": None,
        "include_messages": True,
    }
    response = client.post(f"{CHAT}/sessions/detail", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json
    assert len(response.json["data"]["session"]["messages"]) == 2


def test_sessions_search_substring(client, alice):
    made = create(client, alice)
    body = {"customer_id": alice.customer_id, "search_text": "PIZZ", "limit": 30}
    response = client.post(f"{CHAT}/sessions/search", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json
    assert [s["session_id"] for s in response.json["data"]["sessions"]] == [made["session_id"]]
    nothing = {"customer_id": alice.customer_id, "search_text": None, "limit": 30}
    every = client.post(f"{CHAT}/sessions/search", json=nothing, headers=alice.headers)
    assert every.status_code == 200, every.json
    assert len(every.json["data"]["sessions"]) == 1


def test_patch_sessions(client, alice):
    made = create(client, alice)
    body = {
        "customer_id": alice.customer_id,
        "session_id": made["session_id"],
        "session_name": "Renamed",
        "ai_character_name": "assistant",
        "auto_trigger_tts": True,
        "ai_text_gen_model": "gpt-4o-mini",
        "tags": ["food", "weekend"],
        "claude_session_id": None,
        "update_last_mod_time": True,
        "last_update_override": None,
        "task_status": "active",
        "task_priority": "high",
        "task_description": "Buy flour",
        "clear_task_metadata": False,
    }
    response = client.patch(f"{CHAT}/sessions", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json


def test_delete_sessions(client, alice):
    made = create(client, alice)
    body = {"customer_id": alice.customer_id, "session_id": made["session_id"]}
    response = client.delete(f"{CHAT}/sessions", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json


def test_sessions_create_task(client, alice):
    body = {
        "customer_id": alice.customer_id,
        "ai_character_name": "sherlock",
        "task_description": "Find the dog",
        "task_priority": "medium",
        "session_name": None,
    }
    response = client.post(f"{CHAT}/sessions/create-task", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json


def test_prompts_crud_with_the_originals_aliases(client, alice):
    created = client.post(
        f"{CHAT}/prompts",
        json={"customer_id": alice.customer_id, "title": "Tone", "promptText": "Be brief."},
        headers=alice.headers,
    )
    assert created.status_code == 200, created.json
    prompt_id = created.json["data"]["prompt_id"]
    listed = client.get(
        f"{CHAT}/prompts", query_string={"customer_id": alice.customer_id}, headers=alice.headers
    )
    assert listed.status_code == 200, listed.json
    updated = client.put(
        f"{CHAT}/prompts",
        json={"customer_id": alice.customer_id, "promptId": prompt_id, "title": "T", "prompt": "x"},
        headers=alice.headers,
    )
    assert updated.status_code == 200, updated.json
    removed = client.delete(
        f"{CHAT}/prompts",
        json={"customer_id": alice.customer_id, "prompt_id": prompt_id},
        headers=alice.headers,
    )
    assert removed.status_code == 200, removed.json


def test_auth_login_by_username_or_email(client, alice, conn):
    conn.execute(
        "UPDATE aiapp.users SET username = 'alice_w' WHERE customer_id = %s", (alice.customer_id,)
    )
    for login in ("alice_w", "ALICE_W", alice.email):
        body = {"customer_id": alice.customer_id, "username": login, "password": TEST_PASSWORD}
        response = client.post(f"{CHAT}/auth/login", json=body)
        assert response.status_code == 200, (login, response.json)
        assert response.json["data"]["customer_id"] == alice.customer_id
    wrong = client.post(f"{CHAT}/auth/login", json={"username": "alice_w", "password": "nope!!"})
    assert_error(wrong, 401)
    # A failure by username counts against the account's email: both spellings share a limit.
    failures = conn.execute(
        "SELECT failures FROM aiapp.login_failures WHERE bucket = %s", (f"email:{alice.email}",)
    ).fetchone()
    assert failures["failures"] == 1


def test_maintenance_favorites(client, alice):
    create(client, alice)
    response = client.get(
        f"{CHAT}/maintenance/favorites",
        query_string={"customer_id": alice.customer_id, "includeSessionMetadata": "true"},
        headers=alice.headers,
    )
    assert response.status_code == 200, response.json


def test_maintenance_files_with_every_alias(client, alice):
    create(client, alice)
    body = {
        "customer_id": alice.customer_id,
        "olderThenDate": None,
        "youngerThenDate": None,
        "exactFilename": None,
        "aiOnly": False,
        "offset": 0,
        "limit": 0,
        "fileExtension": ".pdf",
        "checkImageLocations": False,
    }
    response = client.post(f"{CHAT}/maintenance/files", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json
    assert response.json["data"]["count"] == 1


# -- the original's group routes, at its /api/v1/groups in its bare answer shapes (and the same
# operations enveloped at /api/v1/chat/groups)

GROUPS = "/api/v1/groups"
GROUP_KEYS = {
    "id",
    "user_id",
    "name",
    "mode",
    "leader_agent",
    "context_window_size",
    "members",
    "created_at",
    "updated_at",
}


def make_group(client, account):
    body = {"name": "Detectives", "mode": "sequential", "agents": ["sherlock", "poirot"]}
    response = client.post(GROUPS, json=body, headers=account.headers)
    assert response.status_code == 200, response.json
    return response.json


def test_groups_create_list_get_update_delete(client, alice, bob):
    group = make_group(client, alice)
    assert set(group) == GROUP_KEYS
    assert (group["user_id"], group["leader_agent"]) == (alice.customer_id, "sherlock")
    assert group["members"][0] == {
        "agent_name": "sherlock",
        "position": 0,
        "last_response_at": None,
    }
    enveloped = client.post(
        f"{CHAT}/groups",
        json={"mode": "explicit", "agents": ["a1", "a2"]},
        headers=alice.headers,
    )
    assert enveloped.json["data"]["group_id"]
    listed = client.get(GROUPS, headers=alice.headers).json
    assert [g["id"] for g in listed["groups"]] == [enveloped.json["data"]["group_id"], group["id"]]
    one = client.get(f"{GROUPS}/{group['id']}", headers=alice.headers)
    assert one.json == group
    assert_error(client.get(f"{GROUPS}/{group['id']}", headers=bob.headers), 404)
    renamed = client.patch(
        f"{GROUPS}/{group['id']}",
        json={"name": "Club", "context_window_size": 8},
        headers=alice.headers,
    )
    assert (renamed.json["name"], renamed.json["context_window_size"]) == ("Club", 8)
    assert_error(client.delete(f"{GROUPS}/{group['id']}", headers=bob.headers), 404)
    gone = client.delete(f"{GROUPS}/{group['id']}", headers=alice.headers)
    assert gone.json == {"status": "deleted"}
    assert_error(client.get(f"{GROUPS}/{group['id']}", headers=alice.headers), 404)


def test_group_members(client, alice):
    group = make_group(client, alice)
    response = client.patch(
        f"{GROUPS}/{group['id']}/members",
        json={"add_agents": ["Marple"], "remove_agents": ["poirot"]},
        headers=alice.headers,
    )
    assert response.status_code == 200, response.json
    assert [m["agent_name"] for m in response.json["members"]] == ["sherlock", "marple"]
    refused = client.patch(
        f"{GROUPS}/{group['id']}/members",
        json={"add_agents": None, "remove_agents": ["sherlock"]},
        headers=alice.headers,
    )
    assert_error(refused, 400, "remove_agents")
    enveloped = client.patch(
        f"{CHAT}/groups/{group['id']}/members",
        json={"add_agents": ["poirot"]},
        headers=alice.headers,
    )
    assert len(enveloped.json["data"]["members"]) == 3


def test_convert_to_group_and_group_messages(client, alice, bob, conn):
    made = create(client, alice, ai_character_name="sherlock")
    converted = client.post(
        f"{GROUPS}/sessions/{made['session_id']}/convert-to-group",
        json={"agents": ["watson", "Sherlock"], "mode": "explicit", "name": None},
        headers=alice.headers,
    )
    assert converted.status_code == 200, converted.json
    group = converted.json
    assert [m["agent_name"] for m in group["members"]] == ["sherlock", "watson"]
    assert (group["mode"], group["context_window_size"]) == ("explicit", 6)
    linked = conn.execute(
        "SELECT group_id FROM aiapp.chat_sessions WHERE session_id = %s", (made["session_id"],)
    ).fetchone()
    assert str(linked["group_id"]) == group["id"]
    again = client.post(
        f"{GROUPS}/sessions/{made['session_id']}/convert-to-group",
        json={"agents": ["poirot"]},
        headers=alice.headers,
    )
    assert_error(again, 400, "session_id")
    assert_error(
        client.post(
            f"{GROUPS}/sessions/{made['session_id']}/convert-to-group",
            json={"agents": ["poirot"]},
            headers=bob.headers,
        ),
        404,
    )

    page = client.get(
        f"{GROUPS}/{group['id']}/messages",
        query_string={"limit": 1, "offset": 1},
        headers=alice.headers,
    )
    assert page.status_code == 200, page.json
    assert page.json["total"] == 2
    assert page.json["messages"] == [
        {
            "id": str(made["ai_message_id"]),
            "role": "assistant",
            "content": AI_RESPONSE["message"],
            "agent_name": "assistant",
            "timestamp": page.json["messages"][0]["timestamp"],
        }
    ]
    enveloped = client.get(f"{CHAT}/groups/{group['id']}/messages", headers=alice.headers)
    assert [m["role"] for m in enveloped.json["data"]["messages"]] == ["user", "assistant"]
    assert_error(client.get(f"{GROUPS}/{group['id']}/messages", headers=bob.headers), 404)
    empty = make_group(client, alice)
    assert client.get(f"{GROUPS}/{empty['id']}/messages", headers=alice.headers).json == {
        "messages": [],
        "total": 0,
    }
    assert_error(
        client.get(f"{GROUPS}/{empty['id']}/messages?limit=201", headers=alice.headers),
        400,
        "limit",
    )


def test_convert_needs_a_second_agent(client, alice, conn):
    made = create(client, alice, ai_character_name="sherlock")
    lonely = client.post(
        f"{CHAT}/groups/sessions/{made['session_id']}/convert-to-group",
        json={"agents": ["sherlock"]},
        headers=alice.headers,
    )
    assert_error(lonely, 400, "agents")
    assert conn.execute("SELECT count(*) AS n FROM aiapp.chat_groups").fetchone()["n"] == 0
    converted = client.post(
        f"{CHAT}/groups/sessions/{made['session_id']}/convert-to-group",
        json={"agents": ["watson"]},
        headers=alice.headers,
    )
    assert converted.json["data"]["leader_agent"] == "sherlock"


def test_session_ids_are_plain_strings_as_in_the_original(client, alice):
    # An empty session_id starts a new session, as the original's falsy check did.
    made = create(client, alice, session_id="")
    assert made["session_id"]
    # An id that is not a UUID names no session: 404, as an unknown id.
    for method, route, body in (
        ("post", "/sessions/detail", {"session_id": "legacy-42"}),
        ("delete", "/sessions", {"session_id": "legacy-42"}),
        ("post", "/messages", {"session_id": "legacy-42", "user_message": {"message": "hi"}}),
    ):
        response = getattr(client, method)(f"{CHAT}{route}", json=body, headers=alice.headers)
        assert_error(response, 404)
    assert_error(
        client.post(f"{CHAT}/sessions/detail", json={"session_id": 7}, headers=alice.headers),
        400,
        "session_id",
    )
