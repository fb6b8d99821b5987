"""Group chats: GET/POST /groups, GET/PATCH/DELETE /groups/<id>, and linking sessions."""

import uuid

import pytest

from tests.helpers import assert_error
from tests.test_chat_helpers import CHAT, count, rows, store


def create(client, account, agents=("Sherlock ", "watson"), **fields):
    body = {"mode": "sequential", "agents": list(agents), **fields}
    response = client.post(f"{CHAT}/groups", headers=account.headers, json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json["data"]


def members(group):
    return [(m["agent_name"], m["position"], m["role"]) for m in group["members"]]


def test_create_orders_members_and_picks_the_leader(client, alice):
    group = create(client, alice, ["watson", "Sherlock ", "lestrade"], name="Baker Street")
    assert (group["name"], group["mode"], group["context_window_size"]) == (
        "Baker Street",
        "sequential",
        6,
    )
    assert group["customer_id"] == alice.customer_id
    assert group["leader_agent"] == "sherlock"
    assert members(group) == [
        ("watson", 0, "member"),
        ("sherlock", 1, "leader"),
        ("lestrade", 2, "member"),
    ]
    other = create(client, alice, ["yoda", "luke"], mode="explicit", context_window_size=10)
    assert (other["leader_agent"], other["context_window_size"]) == ("yoda", 10)


def test_list_and_get(client, alice, bob):
    first = create(client, alice, name="One")
    second = create(client, alice, name="Two")
    create(client, bob, name="Bob's")
    listed = client.get(f"{CHAT}/groups", headers=alice.headers).json["data"]["groups"]
    assert [g["group_id"] for g in listed] == [second["group_id"], first["group_id"]]
    got = client.get(f"{CHAT}/groups/{first['group_id']}", headers=alice.headers)
    assert got.json["data"] == first
    assert_error(client.get(f"{CHAT}/groups/{first['group_id']}", headers=bob.headers), 404)
    assert_error(client.get(f"{CHAT}/groups/{uuid.uuid4()}", headers=alice.headers), 404)
    assert_error(client.get(f"{CHAT}/groups"), 401)


def test_patch_renames_resizes_and_changes_members(client, alice):
    group = create(client, alice, ["sherlock", "watson", "hudson"])
    response = client.patch(
        f"{CHAT}/groups/{group['group_id']}",
        headers=alice.headers,
        json={
            "name": "Renamed",
            "context_window_size": 3,
            "add_agents": ["Mycroft", "watson"],
            "remove_agents": ["hudson"],
        },
    )
    assert response.status_code == 200, response.json
    changed = response.json["data"]
    assert (changed["name"], changed["context_window_size"]) == ("Renamed", 3)
    assert members(changed) == [
        ("sherlock", 0, "leader"),
        ("watson", 1, "member"),
        ("mycroft", 3, "member"),
    ]
    assert changed["updated_at"] > group["updated_at"]


def test_the_leader_cannot_be_removed_and_nothing_changes(client, alice, conn):
    group = create(client, alice, ["sherlock", "watson"], name="Kept")
    response = client.patch(
        f"{CHAT}/groups/{group['group_id']}",
        headers=alice.headers,
        json={"name": "Changed", "remove_agents": ["sherlock"], "add_agents": ["hudson"]},
    )
    assert_error(response, 400, "remove_agents")
    assert rows(conn, "SELECT name FROM aiapp.chat_groups") == [{"name": "Kept"}]
    assert count(conn, "chat_group_members") == 2


def test_a_group_has_at_most_twenty_agents(client, alice, conn):
    group = create(client, alice, [f"agent{n}" for n in range(19)])
    response = client.patch(
        f"{CHAT}/groups/{group['group_id']}",
        headers=alice.headers,
        json={"add_agents": ["extra1", "extra2"]},
    )
    assert_error(response, 400, "add_agents")
    assert count(conn, "chat_group_members") == 19


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"mode": "sequential", "agents": ["solo"]}, "agents"),
        ({"mode": "sequential", "agents": ["a", "A "]}, "agents"),
        ({"mode": "chaos", "agents": ["a", "b"]}, "mode"),
        (
            {"mode": "sequential", "agents": ["a", "b"], "context_window_size": 11},
            "context_window_size",
        ),
        (
            {"mode": "sequential", "agents": ["a", "b"], "context_window_size": 2},
            "context_window_size",
        ),
        ({"mode": "sequential", "agents": ["a", "x" * 51]}, "agents"),
        ({"mode": "sequential", "agents": ["a", "b"], "leader": "a"}, "leader"),
    ],
)
def test_bad_group_is_400_and_nothing_is_saved(client, alice, conn, body, field):
    assert_error(client.post(f"{CHAT}/groups", headers=alice.headers, json=body), 400, field)
    assert count(conn, "chat_groups") == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"context_window_size": 42}, "context_window_size"),
        ({"add_agents": ["a"], "remove_agents": ["A"]}, "add_agents"),
        ({"add_agents": ["a", "a"]}, "add_agents"),
    ],
)
def test_bad_group_change_is_400(client, alice, body, field):
    group = create(client, alice)
    response = client.patch(f"{CHAT}/groups/{group['group_id']}", headers=alice.headers, json=body)
    assert_error(response, 400, field)


def test_another_users_group_cannot_be_changed_deleted_or_linked(client, alice, bob, conn):
    group = create(client, alice, name="Alice's")
    path = f"{CHAT}/groups/{group['group_id']}"
    assert_error(client.patch(path, headers=bob.headers, json={"name": "Bob's now"}), 404)
    assert_error(client.delete(path, headers=bob.headers), 404)
    session_id = store(client, bob, "hi")["session_id"]
    linked = client.patch(
        f"{CHAT}/sessions",
        headers=bob.headers,
        json={"session_id": session_id, "group_id": group["group_id"]},
    )
    assert_error(linked, 404, "group_id")
    assert rows(conn, "SELECT name FROM aiapp.chat_groups") == [{"name": "Alice's"}]
    assert rows(conn, "SELECT group_id FROM aiapp.chat_sessions") == [{"group_id": None}]


def test_delete_keeps_the_sessions_as_one_agent_chats(client, alice, conn):
    group = create(client, alice, name="Team")
    session_id = store(client, alice, "hi")["session_id"]
    linked = client.patch(
        f"{CHAT}/sessions",
        headers=alice.headers,
        json={"session_id": session_id, "group_id": group["group_id"]},
    ).json["data"]["session"]
    assert (linked["group_id"], linked["group_name"]) == (group["group_id"], "Team")
    response = client.delete(f"{CHAT}/groups/{group['group_id']}", headers=alice.headers)
    assert response.json["data"] == {"removed_count": 1, "group_id": group["group_id"]}
    assert count(conn, "chat_group_members") == 0
    assert rows(conn, "SELECT group_id FROM aiapp.chat_sessions") == [{"group_id": None}]
    assert_error(client.delete(f"{CHAT}/groups/{group['group_id']}", headers=alice.headers), 404)
