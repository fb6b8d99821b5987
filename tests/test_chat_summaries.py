"""Session summaries: GET/PUT /sessions/<id>/summary and the summariser's GET /summaries/stale."""

import uuid

import pytest

from tests.helpers import assert_error
from tests.test_chat_helpers import CHAT, count, store

SUMMARY = {"summary": "Talked about turtles.", "summary_model": "small-model"}


def put_summary(client, account, session_id, **fields):
    return client.put(
        f"{CHAT}/sessions/{session_id}/summary",
        headers=account.headers,
        json={**SUMMARY, **fields},
    )


def stale(client, account, **query):
    response = client.get(f"{CHAT}/summaries/stale", headers=account.headers, query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json["data"]


def test_put_writes_a_summary_with_defaults_from_the_session(client, alice):
    data = store(client, alice, "turtles?", ai="turtles!", tags=["pets"])
    response = put_summary(client, alice, data["session_id"], key_topics=["turtles"])
    assert response.status_code == 200, response.json
    summary = response.json["data"]
    assert (summary["summary"], summary["summary_model"]) == (
        SUMMARY["summary"],
        SUMMARY["summary_model"],
    )
    assert summary["session_id"] == data["session_id"]
    assert (summary["message_count"], summary["tags"], summary["key_topics"]) == (
        2,
        ["pets"],
        ["turtles"],
    )
    assert summary["first_message_date"] <= summary["last_message_date"]
    assert (summary["summary_config_version"], summary["is_stale"]) == (1, False)
    got = client.get(f"{CHAT}/sessions/{data['session_id']}/summary", headers=alice.headers)
    assert got.json["data"] == summary


def test_put_again_replaces_it_and_keeps_generated_at(client, alice):
    session_id = store(client, alice, "x")["session_id"]
    first = put_summary(client, alice, session_id).json["data"]
    second = put_summary(
        client,
        alice,
        session_id,
        summary="Better summary.",
        message_count=7,
        summary_config_version=2,
        first_message_date="2024-01-01T10:00:00Z",
        last_message_date="2024-01-02",
    ).json["data"]
    assert (second["summary"], second["message_count"], second["summary_config_version"]) == (
        "Better summary.",
        7,
        2,
    )
    assert second["first_message_date"].startswith("2024-01-01T10:00:00")
    assert second["generated_at"] == first["generated_at"]
    assert second["last_updated"] > first["last_updated"]


def test_a_summary_goes_stale_when_its_session_changes(client, alice):
    session_id = store(client, alice, "one")["session_id"]
    put_summary(client, alice, session_id)
    assert stale(client, alice)["sessions"] == []
    store(client, alice, "two", session_id=session_id)
    summary = client.get(f"{CHAT}/sessions/{session_id}/summary", headers=alice.headers)
    assert summary.json["data"]["is_stale"] is True
    listed = stale(client, alice)
    assert [(s["session_id"], s["reason"], s["message_count"]) for s in listed["sessions"]] == [
        (session_id, "stale", 2)
    ]
    assert listed["sessions"][0]["summary_last_updated"] is not None


def test_sessions_without_summary_are_listed_from_min_messages(client, alice, bob):
    short = store(client, alice, "one")["session_id"]
    longer = store(client, alice, "one", ai="two")["session_id"]
    store(client, bob, "b1", ai="b2")
    listed = stale(client, alice, min_messages=2)
    assert [(s["session_id"], s["reason"]) for s in listed["sessions"]] == [(longer, "missing")]
    both = stale(client, alice, min_messages=1, limit=1)
    assert (both["count"], both["sessions"][0]["session_id"]) == (1, short)
    assert stale(client, alice)["sessions"] == []  # the default needs 3 messages


def test_the_worker_writes_summaries_for_a_user(client, alice, admin):
    session_id = store(client, alice, "a", ai="b")["session_id"]
    work = stale(client, admin, customer_id=alice.customer_id, min_messages=1)
    assert [s["session_id"] for s in work["sessions"]] == [session_id]
    response = client.put(
        f"{CHAT}/sessions/{session_id}/summary",
        headers=admin.headers,
        json={**SUMMARY, "customer_id": alice.customer_id},
    )
    assert response.json["data"]["customer_id"] == alice.customer_id
    assert stale(client, admin, customer_id=alice.customer_id, min_messages=1)["count"] == 0


def test_another_users_or_a_missing_summary_is_404(client, alice, bob, conn):
    session_id = store(client, alice, "x")["session_id"]
    assert_error(client.get(f"{CHAT}/sessions/{session_id}/summary", headers=alice.headers), 404)
    assert_error(put_summary(client, bob, session_id), 404)
    assert_error(put_summary(client, alice, uuid.uuid4()), 404)
    put_summary(client, alice, session_id)
    assert_error(client.get(f"{CHAT}/sessions/{session_id}/summary", headers=bob.headers), 404)
    assert count(conn, "session_summaries") == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"summary": ""}, "summary"),
        ({"summary_model": "m" * 101}, "summary_model"),
        ({"message_count": -1}, "message_count"),
        ({"summary_config_version": 0}, "summary_config_version"),
        (
            {"first_message_date": "2024-02-02", "last_message_date": "2024-01-01"},
            "last_message_date",
        ),
        ({"key_topics": "turtles"}, "key_topics"),
        ({"embedding": [0.1]}, "embedding"),
    ],
)
def test_bad_summary_is_400_and_nothing_is_written(client, alice, conn, fields, field):
    session_id = store(client, alice, "x")["session_id"]
    assert_error(put_summary(client, alice, session_id, **fields), 400, field)
    assert count(conn, "session_summaries") == 0


def test_stale_list_limits(client, alice):
    for query in ({"limit": 0}, {"limit": 201}, {"min_messages": 0}, {"limit": "all"}):
        response = client.get(f"{CHAT}/summaries/stale", headers=alice.headers, query_string=query)
        assert_error(response, 400, next(iter(query)))
