"""Sessions: list with filters and paging, detail, update, delete, tasks, cascades."""

import uuid

import pytest

from tests.helpers import assert_error
from tests.test_chat_helpers import CHAT, count, rows, store


def list_sessions(client, account, **body):
    response = client.post(f"{CHAT}/sessions/list", headers=account.headers, json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def names(listed):
    return [s["session_name"] for s in listed["data"]["sessions"]]


def patch_session(client, account, session_id, **fields):
    return client.patch(
        f"{CHAT}/sessions", headers=account.headers, json={"session_id": session_id, **fields}
    )


def set_last_update(conn, session_id, moment):
    conn.execute(
        "UPDATE aiapp.chat_sessions SET last_update = %s WHERE session_id = %s",
        (moment, session_id),
    )


# -- list


def test_list_is_newest_first_with_count_and_total(client, alice, bob, conn):
    for name, day in (("old", "2024-01-01"), ("new", "2024-03-01"), ("mid", "2024-02-01")):
        session_id = store(client, alice, name, session_name=name)["session_id"]
        set_last_update(conn, session_id, f"{day}T12:00:00Z")
    store(client, bob, "bob's", session_name="bob's")
    listed = list_sessions(client, alice, customer_id=alice.customer_id)
    assert names(listed) == ["new", "mid", "old"]
    assert listed["data"]["count"] == 3
    assert listed["meta"] == {"total": 3, "offset": 0, "limit": 30}
    first = listed["data"]["sessions"][0]
    assert first["customer_id"] == alice.customer_id
    assert first["last_update"].startswith("2024-03-01")
    assert "messages" not in first
    assert "search_vector" not in first
    page = list_sessions(client, alice, offset=1, limit=1)
    assert names(page) == ["mid"]
    assert (page["data"]["count"], page["meta"]["total"]) == (1, 3)
    beyond = list_sessions(client, alice, offset=10)
    assert (beyond["data"], beyond["meta"]["total"]) == ({"sessions": [], "count": 0}, 3)


def test_list_filters_by_dates(client, alice, conn):
    for name, day in (("jan", "2024-01-15"), ("feb", "2024-02-15"), ("mar", "2024-03-15")):
        session_id = store(client, alice, name, session_name=name)["session_id"]
        set_last_update(conn, session_id, f"{day}T08:00:00Z")
    assert names(list_sessions(client, alice, startDate="2024-02-01")) == ["mar", "feb"]
    assert names(list_sessions(client, alice, end_date="2024-02-15T08:00:00Z")) == ["jan"]
    both = list_sessions(
        client, alice, start_date="2024-02-01", end_date="2024-03-01T00:00:00+00:00"
    )
    assert names(both) == ["feb"]


def test_tag_filter_matches_any_tag_in_any_letter_case(client, alice):
    store(client, alice, "a", session_name="work", tags=["Work", "Urgent"])
    store(client, alice, "b", session_name="home", tags=["home"])
    store(client, alice, "c", session_name="untagged")
    assert names(list_sessions(client, alice, tags=["WORK"])) == ["work"]
    assert sorted(names(list_sessions(client, alice, tags=["urgent", "HOME"]))) == ["home", "work"]
    assert len(names(list_sessions(client, alice, tags=[]))) == 3


def test_task_status_any_none_and_exact(client, alice):
    plain = store(client, alice, "chat", session_name="plain")["session_id"]
    active = store(client, alice, "todo", session_name="active")["session_id"]
    done = store(client, alice, "fin", session_name="done")["session_id"]
    patch_session(client, alice, active, task_status="active", task_priority="high")
    patch_session(client, alice, done, task_status="done", task_priority="low")
    assert plain
    assert sorted(names(list_sessions(client, alice, task_status="any"))) == ["active", "done"]
    assert names(list_sessions(client, alice, task_status="none")) == ["plain"]
    assert names(list_sessions(client, alice, task_status="done")) == ["done"]
    assert names(list_sessions(client, alice, task_priority="high")) == ["active"]
    assert len(names(list_sessions(client, alice))) == 3


def test_list_filters_by_character_and_can_include_messages(client, alice):
    store(client, alice, "elementary", ai="indeed", session_name="s", ai_character_name="sherlock")
    store(client, alice, "do or do not", session_name="y", ai_character_name="yoda")
    listed = list_sessions(client, alice, ai_character_name="sherlock", includeMessages=True)
    (session,) = listed["data"]["sessions"]
    assert session["ai_character_name"] == "sherlock"
    assert [(m["sender"], m["message"]) for m in session["messages"]] == [
        ("User", "elementary"),
        ("AI", "indeed"),
    ]


def test_sessions_without_messages_are_listed_only_as_tasks(client, alice):
    data = store(client, alice, "gone", session_name="emptied")
    client.delete(
        f"{CHAT}/messages",
        headers=alice.headers,
        json={"session_id": data["session_id"], "message_ids": [data["user_message_id"]]},
    )
    assert names(list_sessions(client, alice)) == []
    patch_session(client, alice, data["session_id"], task_status="waiting")
    assert names(list_sessions(client, alice)) == ["emptied"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"limit": 201}, "limit"),
        ({"limit": -1}, "limit"),
        ({"offset": -1}, "offset"),
        ({"task_status": "started"}, "task_status"),
        ({"start_date": "yesterday"}, "start_date"),
        ({"tags": "work"}, "tags"),
        ({"page": 2}, "page"),
    ],
)
def test_list_bad_input_is_400(client, alice, body, field):
    response = client.post(f"{CHAT}/sessions/list", headers=alice.headers, json=body)
    assert_error(response, 400, field)


def test_list_never_shows_another_users_sessions(client, alice, bob):
    store(client, alice, "secret", session_name="alice's")
    assert list_sessions(client, bob)["data"] == {"sessions": [], "count": 0}
    assert_error(client.post(f"{CHAT}/sessions/list", json={}), 401)


# -- detail


def test_detail_returns_the_session_with_messages_in_time_order(client, alice):
    data = store(client, alice, "first", ai="second", session_name="Chat")
    store(client, alice, "third", session_id=data["session_id"])
    response = client.post(
        f"{CHAT}/sessions/detail", headers=alice.headers, json={"session_id": data["session_id"]}
    )
    session = response.json["data"]["session"]
    assert (session["session_id"], session["session_name"]) == (data["session_id"], "Chat")
    assert session["group_id"] is None
    assert [m["message"] for m in session["messages"]] == ["first", "second", "third"]
    assert session["messages"][0]["session_id"] == data["session_id"]
    bare = client.post(
        f"{CHAT}/sessions/detail",
        headers=alice.headers,
        json={"session_id": data["session_id"], "include_messages": False},
    )
    assert "messages" not in bare.json["data"]["session"]


def test_detail_by_character_opens_its_latest_session_or_a_new_one(client, alice, conn):
    older = store(client, alice, "a", ai_character_name="yoda")["session_id"]
    newer = store(client, alice, "b", ai_character_name="yoda")["session_id"]
    set_last_update(conn, older, "2020-01-01T00:00:00Z")
    found = client.post(
        f"{CHAT}/sessions/detail", headers=alice.headers, json={"ai_character_name": "yoda"}
    )
    assert found.json["data"]["session"]["session_id"] == newer
    created = client.post(
        f"{CHAT}/sessions/detail", headers=alice.headers, json={"ai_character_name": "gandalf"}
    )
    session = created.json["data"]["session"]
    assert (session["ai_character_name"], session["messages"]) == ("gandalf", [])
    assert count(conn, "chat_sessions") == 3


def test_detail_of_another_users_or_an_unknown_session_is_404(client, alice, bob):
    session_id = store(client, alice, "mine")["session_id"]
    for account, wanted in ((bob, session_id), (alice, str(uuid.uuid4()))):
        response = client.post(
            f"{CHAT}/sessions/detail", headers=account.headers, json={"session_id": wanted}
        )
        assert_error(response, 404)
    assert_error(
        client.post(f"{CHAT}/sessions/detail", headers=alice.headers, json={}), 400, "session_id"
    )
    # The original took session ids as plain strings: one that is not a UUID names no session.
    assert_error(
        client.post(f"{CHAT}/sessions/detail", headers=alice.headers, json={"session_id": "12345"}),
        404,
    )


# -- update


def test_patch_changes_the_fields_sent(client, alice, conn):
    session_id = store(client, alice, "x", session_name="Before", tags=["a"])["session_id"]
    response = patch_session(
        client,
        alice,
        session_id,
        session_name="After",
        tags=["b", "C"],
        ai_text_gen_model="claude-sonnet",
        auto_trigger_tts=True,
        task_status="waiting",
        task_priority="medium",
        task_description="Check later",
        claude_session_id="abc",
    )
    assert response.status_code == 200, response.json
    session = response.json["data"]["session"]
    assert (session["session_name"], session["tags"]) == ("After", ["b", "C"])
    assert (session["ai_text_gen_model"], session["auto_trigger_tts"]) == ("claude-sonnet", True)
    assert (session["task_status"], session["task_priority"]) == ("waiting", "medium")
    assert (session["task_description"], session["claude_session_id"]) == ("Check later", "abc")
    renamed_only = patch_session(client, alice, session_id, session_name="Again")
    assert renamed_only.json["data"]["session"]["tags"] == ["b", "C"]
    cleared = patch_session(client, alice, session_id, clear_task_metadata=True)
    task = {k: cleared.json["data"]["session"][k] for k in ("task_status", "task_priority")}
    assert task == {"task_status": None, "task_priority": None}
    stored = rows(conn, "SELECT * FROM aiapp.chat_sessions WHERE session_id = %s", session_id)[0]
    assert (stored["session_name"], stored["task_description"]) == ("Again", None)


def test_patch_last_update_rules(client, alice, conn):
    session_id = store(client, alice, "x")["session_id"]
    set_last_update(conn, session_id, "2024-05-05T05:05:05Z")
    kept = patch_session(client, alice, session_id, session_name="n", update_last_mod_time=False)
    assert kept.json["data"]["session"]["last_update"].startswith("2024-05-05")
    overridden = patch_session(
        client, alice, session_id, last_update_override="2023-01-02T03:04:05Z"
    )
    assert overridden.json["data"]["session"]["last_update"].startswith("2023-01-02")
    touched = patch_session(client, alice, session_id, session_name="m")
    assert touched.json["data"]["session"]["last_update"] > "2024"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"task_status": "any"}, "task_status"),
        ({"task_priority": "urgent"}, "task_priority"),
        ({"task_description": "d" * 501}, "task_description"),
        ({"session_name": "n" * 101}, "session_name"),
        ({"auto_trigger_tts": "sometimes"}, "auto_trigger_tts"),
        ({"owner": 2}, "owner"),
    ],
)
def test_patch_bad_input_is_400_and_changes_nothing(client, alice, conn, fields, field):
    session_id = store(client, alice, "x", session_name="Same")["session_id"]
    assert_error(patch_session(client, alice, session_id, **fields), 400, field)
    stored = rows(conn, "SELECT session_name, task_status FROM aiapp.chat_sessions")[0]
    assert stored == {"session_name": "Same", "task_status": None}


def test_patch_another_users_session_is_404(client, alice, bob, conn):
    session_id = store(client, alice, "x", session_name="Mine")["session_id"]
    assert_error(patch_session(client, bob, session_id, session_name="Stolen"), 404)
    assert_error(patch_session(client, alice, str(uuid.uuid4()), session_name="?"), 404)
    assert rows(conn, "SELECT session_name FROM aiapp.chat_sessions")[0]["session_name"] == "Mine"


# -- delete


def test_delete_removes_the_session_its_messages_and_summary(client, alice, conn):
    data = store(client, alice, "q", ai="a")
    kept = store(client, alice, "other")
    client.put(
        f"{CHAT}/sessions/{data['session_id']}/summary",
        headers=alice.headers,
        json={"summary": "A question", "summary_model": "m"},
    )
    response = client.delete(
        f"{CHAT}/sessions", headers=alice.headers, json={"session_id": data["session_id"]}
    )
    assert response.json["data"] == {
        "removed_count": 2,
        "message_ids": [data["user_message_id"], data["ai_message_id"]],
        "session_id": data["session_id"],
    }
    assert count(conn, "session_summaries") == 0
    assert [r["session_id"] for r in rows(conn, "SELECT session_id FROM aiapp.chat_sessions")] == [
        uuid.UUID(kept["session_id"])
    ]
    assert count(conn, "chat_messages") == 1


def test_delete_another_users_session_is_404(client, alice, bob, conn):
    session_id = store(client, alice, "x")["session_id"]
    response = client.delete(
        f"{CHAT}/sessions", headers=bob.headers, json={"session_id": session_id}
    )
    assert_error(response, 404)
    assert count(conn, "chat_sessions") == 1
    assert_error(client.delete(f"{CHAT}/sessions", headers=bob.headers, json={}), 400, "session_id")


def test_deleting_a_user_deletes_all_their_chat_data(client, alice, bob, conn):
    session_id = store(client, alice, "q", ai="a")["session_id"]
    client.post(f"{CHAT}/prompts", headers=alice.headers, json={"title": "t", "prompt": "p"})
    client.post(
        f"{CHAT}/groups", headers=alice.headers, json={"mode": "sequential", "agents": ["a", "b"]}
    )
    client.put(
        f"{CHAT}/sessions/{session_id}/summary",
        headers=alice.headers,
        json={"summary": "s", "summary_model": "m"},
    )
    store(client, bob, "stays")
    conn.execute("DELETE FROM aiapp.users WHERE customer_id = %s", (alice.customer_id,))
    for table, left in (
        ("chat_sessions", 1),
        ("chat_messages", 1),
        ("prompts", 0),
        ("chat_groups", 0),
        ("chat_group_members", 0),
        ("session_summaries", 0),
    ):
        assert count(conn, table) == left, table


# -- tasks


def test_create_task_makes_a_new_active_session(client, alice):
    response = client.post(
        f"{CHAT}/sessions/create-task",
        headers=alice.headers,
        json={"ai_character_name": "sherlock", "task_description": "Find the missing file " * 10},
    )
    assert response.status_code == 200, response.json
    session = response.json["data"]["session"]
    assert (session["task_status"], session["task_priority"]) == ("active", "medium")
    assert session["ai_character_name"] == "sherlock"
    assert session["session_name"] == ("Find the missing file " * 10)[:100]
    listed = list_sessions(client, alice, task_status="active")
    assert [s["session_id"] for s in listed["data"]["sessions"]] == [session["session_id"]]


def test_create_task_can_mark_an_existing_session(client, alice, bob):
    session_id = store(client, alice, "x", session_name="Chat")["session_id"]
    body = {"session_id": session_id, "task_description": "Follow up", "task_priority": "high"}
    marked = client.post(f"{CHAT}/sessions/create-task", headers=alice.headers, json=body)
    session = marked.json["data"]["session"]
    assert (session["session_id"], session["session_name"]) == (session_id, "Chat")
    assert (session["task_status"], session["task_priority"]) == ("active", "high")
    assert_error(client.post(f"{CHAT}/sessions/create-task", headers=bob.headers, json=body), 404)


def test_create_task_keeps_a_session_field_sent_as_null_and_sets_one_with_a_value(client, alice):
    session_id = store(client, alice, "x", session_name="Chat", ai_character_name="sherlock")[
        "session_id"
    ]
    body = {"session_id": session_id, "task_description": "Follow up", "session_name": None}
    body["ai_character_name"] = None
    marked = client.post(f"{CHAT}/sessions/create-task", headers=alice.headers, json=body)
    assert marked.status_code == 200, marked.json
    session = marked.json["data"]["session"]
    assert (session["session_name"], session["ai_character_name"]) == ("Chat", "sherlock")
    body.update(session_name="Renamed", ai_character_name="watson")
    marked = client.post(f"{CHAT}/sessions/create-task", headers=alice.headers, json=body)
    session = marked.json["data"]["session"]
    assert (session["session_name"], session["ai_character_name"]) == ("Renamed", "watson")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"task_description": "no character"}, "ai_character_name"),
        ({"ai_character_name": "x"}, "task_description"),
        ({"ai_character_name": "x", "task_description": "d" * 501}, "task_description"),
        (
            {"ai_character_name": "x", "task_description": "d", "task_priority": "p"},
            "task_priority",
        ),
    ],
)
def test_create_task_bad_input_is_400(client, alice, conn, body, field):
    response = client.post(f"{CHAT}/sessions/create-task", headers=alice.headers, json=body)
    assert_error(response, 400, field)
    assert count(conn, "chat_sessions") == 0
