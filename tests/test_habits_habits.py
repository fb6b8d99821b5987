"""Habits through HTTP: create, read, change, soft delete and restore, who may do what; purge."""

from datetime import datetime

import pytest

from tests.habits_helpers import (
    API,
    backdate_deletions,
    count,
    create_family,
    create_habit,
    join,
    log_day,
)
from tests.helpers import assert_error


@pytest.fixture
def family(client, alice, bob, carol):
    """Alice owns it, Bob is a member, Carol a child."""
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "member")
    join(client, family_id, alice, carol, "child")
    return family_id


def test_create_a_personal_numeric_habit(client, alice, conn):
    made = client.post(
        f"{API}/habits",
        headers=alice.headers,
        json={
            "name": "Drink water",
            "description": "Glasses a day",
            "habitType": "numeric",
            "targetValue": 8,
            "targetUnit": "glasses",
        },
    )
    assert made.status_code == 201
    habit = made.json["data"]
    assert habit["customer_id"] == alice.customer_id
    assert habit["family_id"] is None
    assert (habit["habit_type"], habit["target_value"], habit["target_unit"]) == (
        "numeric",
        8,
        "glasses",
    )
    assert (habit["frequency"], habit["days_of_week"], habit["active"]) == ("daily", None, True)
    assert (
        client.get(f"{API}/habits/{habit['habit_id']}", headers=alice.headers).json["data"] == habit
    )
    assert count(conn, "habits") == 1


def test_a_weekly_habit_keeps_its_days_sorted_once(client, alice):
    habit = create_habit(
        client,
        alice,
        name="Run",
        habit_type="duration",
        target_value=30,
        target_unit="minutes",
        frequency="weekly",
        days_of_week=[5, 1, 3, 1],
    )
    assert habit["days_of_week"] == [1, 3, 5]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"habit_type": "boolean", "target_value": 1, "target_unit": "x"}, "target_value"),
        ({"habit_type": "numeric", "target_unit": "glasses"}, "target_value"),
        ({"habit_type": "numeric", "target_value": 8}, "target_unit"),
        ({"habit_type": "numeric", "target_value": 0, "target_unit": "g"}, "target_value"),
        ({"habit_type": "duration", "target_value": 5, "target_unit": "km"}, "target_unit"),
        ({"habit_type": "boolean", "frequency": "weekly"}, "days_of_week"),
        ({"habit_type": "boolean", "days_of_week": [1]}, "days_of_week"),
        ({"habit_type": "boolean", "frequency": "weekly", "days_of_week": [0]}, "days_of_week"),
        ({"habit_type": "boolean", "frequency": "weekly", "days_of_week": []}, "days_of_week"),
        ({"habit_type": "boolean", "frequency": "monthly"}, "frequency"),
        ({"habit_type": "habitual"}, "habit_type"),
        ({"habit_type": "boolean", "name": ""}, "name"),
        ({"habit_type": "boolean", "owner": "me"}, "owner"),
    ],
)
def test_bad_habit_is_400_and_writes_nothing(client, alice, conn, payload, field):
    response = client.post(f"{API}/habits", headers=alice.headers, json={"name": "X", **payload})
    assert_error(response, 400, field)
    assert count(conn, "habits") == 0


def test_patch_changes_only_what_was_sent(client, alice):
    habit = create_habit(client, alice, description="Before bed")
    url = f"{API}/habits/{habit['habit_id']}"
    changed = client.patch(url, headers=alice.headers, json={"name": "Read a book"}).json["data"]
    assert (changed["name"], changed["description"]) == ("Read a book", "Before bed")
    assert changed["created_at"] == habit["created_at"]
    assert changed["updated_at"] > habit["updated_at"]

    weekly = {"frequency": "weekly", "days_of_week": [7, 6], "description": None, "active": False}
    changed = client.patch(url, headers=alice.headers, json=weekly).json["data"]
    assert (changed["days_of_week"], changed["description"], changed["active"]) == (
        [6, 7],
        None,
        False,
    )
    assert_error(client.patch(url, headers=alice.headers, json={}), 400)


def test_a_patch_that_breaks_a_table_check_is_400(client, alice, conn):
    habit = create_habit(client, alice, habit_type="numeric", target_value=8, target_unit="cups")
    url = f"{API}/habits/{habit['habit_id']}"
    # Valid on its own; together with the stored target it breaks habits_target_matches_type.
    assert_error(
        client.patch(url, headers=alice.headers, json={"habit_type": "boolean"}),
        400,
        "target_value",
    )
    assert_error(
        client.patch(url, headers=alice.headers, json={"frequency": "weekly"}), 400, "days_of_week"
    )
    stored = conn.execute("SELECT habit_type, frequency FROM habits.habits").fetchone()
    assert stored == {"habit_type": "numeric", "frequency": "daily"}

    to_boolean = {"habit_type": "boolean", "target_value": None, "target_unit": None}
    changed = client.patch(url, headers=alice.headers, json=to_boolean).json["data"]
    assert (changed["habit_type"], changed["target_value"]) == ("boolean", None)


def test_the_database_keeps_created_at_and_updated_at(client, alice, conn):
    habit = create_habit(client, alice)
    conn.execute(
        "UPDATE habits.habits SET created_at = '2000-01-01', updated_at = '2000-01-01', name = 'X'"
    )
    row = conn.execute("SELECT created_at, updated_at FROM habits.habits").fetchone()
    # Compared as times: the answer drops trailing zeros of the fraction, isoformat() keeps them.
    assert row["created_at"] == datetime.fromisoformat(habit["created_at"])
    assert row["updated_at"] > row["created_at"]


def test_soft_delete_hides_a_habit_and_restore_brings_it_back(client, alice, conn):
    habit = create_habit(client, alice)
    other = create_habit(client, alice, name="Stretch")
    url = f"{API}/habits/{habit['habit_id']}"
    assert log_day(client, alice, habit["habit_id"], "2024-03-04").status_code == 200

    deleted = client.delete(url, headers=alice.headers)
    assert deleted.status_code == 200
    assert deleted.json["data"]["deleted_at"] is not None
    assert_error(client.get(url, headers=alice.headers), 404)
    assert_error(client.get(f"{url}/logs", headers=alice.headers), 404)
    assert_error(client.get(f"{url}/streak", headers=alice.headers), 404)
    assert_error(client.patch(url, headers=alice.headers, json={"name": "Y"}), 404)
    assert_error(client.delete(url, headers=alice.headers), 404)
    assert_error(log_day(client, alice, habit["habit_id"], "2024-03-05"), 404)
    listed = client.get(f"{API}/habits", headers=alice.headers).json["data"]
    assert [h["habit_id"] for h in listed] == [other["habit_id"]]
    assert count(conn, "habits") == 2  # soft: still stored

    restored = client.post(f"{url}/restore", headers=alice.headers)
    assert (restored.status_code, restored.json["data"]["deleted_at"]) == (200, None)
    assert client.get(url, headers=alice.headers).json["data"]["name"] == "Read"
    logs = client.get(f"{url}/logs", headers=alice.headers).json["data"]
    assert [entry["log_date"] for entry in logs] == ["2024-03-04"]
    assert_error(client.post(f"{url}/restore", headers=alice.headers), 404)


def test_a_habit_deleted_over_30_days_ago_cannot_be_restored(client, alice, conn):
    habit = create_habit(client, alice)
    url = f"{API}/habits/{habit['habit_id']}"
    client.delete(url, headers=alice.headers)
    backdate_deletions(conn, "habits")
    assert_error(client.post(f"{url}/restore", headers=alice.headers), 404)


def test_another_users_habit_is_404(client, alice, bob):
    habit = create_habit(client, alice)
    url = f"{API}/habits/{habit['habit_id']}"
    assert_error(client.get(url, headers=bob.headers), 404)
    assert_error(client.patch(url, headers=bob.headers, json={"name": "Mine"}), 404)
    assert_error(client.delete(url, headers=bob.headers), 404)
    client.delete(url, headers=alice.headers)
    assert_error(client.post(f"{url}/restore", headers=bob.headers), 404)
    assert client.get(f"{API}/habits", headers=bob.headers).json["data"] == []
    assert_error(client.get(f"{API}/habits/not-a-uuid", headers=alice.headers), 404)


def test_family_habits_members_see_only_owners_and_admins_change(
    client, alice, bob, carol, dave, family
):
    habit = create_habit(client, alice, name="Brush teeth", family_id=family)
    assert (habit["family_id"], habit["customer_id"]) == (family, None)
    url = f"{API}/habits/{habit['habit_id']}"
    for member in (bob, carol):
        assert client.get(url, headers=member.headers).json["data"]["name"] == "Brush teeth"
        listed = client.get(f"{API}/habits", headers=member.headers).json["data"]
        assert [h["habit_id"] for h in listed] == [habit["habit_id"]]
        assert_error(client.patch(url, headers=member.headers, json={"name": "No"}), 403)
        assert_error(client.delete(url, headers=member.headers), 403)
    for method in ("get", "delete"):
        assert_error(getattr(client, method)(url, headers=dave.headers), 404)

    join(client, family, alice, dave, "admin")
    changed = client.patch(url, headers=dave.headers, json={"name": "Floss"})
    assert changed.json["data"]["name"] == "Floss"


def test_only_owners_and_admins_add_family_habits(client, alice, bob, carol, dave, family, conn):
    for account, status in ((bob, 403), (carol, 403), (dave, 404)):
        response = client.post(
            f"{API}/habits",
            headers=account.headers,
            json={"name": "Chores", "habit_type": "boolean", "family_id": family},
        )
        assert_error(response, status)
    assert count(conn, "habits") == 0


def test_list_filters_by_family_and_active(client, alice, family):
    own = create_habit(client, alice, name="Own")
    shared = create_habit(client, alice, name="Shared", family_id=family)
    paused = create_habit(client, alice, name="Paused", active=False)

    def names(**query):
        response = client.get(f"{API}/habits", headers=alice.headers, query_string=query)
        return [h["name"] for h in response.json["data"]]

    assert names() == [own["name"], shared["name"], paused["name"]]
    assert names(family_id=family) == ["Shared"]
    assert names(active="false") == ["Paused"]
    assert names(active="true", family_id=family) == ["Shared"]
    assert_error(client.get(f"{API}/habits?active=maybe", headers=alice.headers), 400, "active")


def test_purge_removes_only_what_can_no_longer_be_restored(app, client, alice, bob, conn):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob)
    client.post(f"{API}/families/{family_id}/leave", headers=bob.headers)
    gone_family = create_family(client, alice, "Gone")
    client.delete(f"{API}/families/{gone_family}", headers=alice.headers)
    old, recent, kept = (create_habit(client, alice, name=n) for n in ("Old", "Recent", "Kept"))
    client.delete(f"{API}/habits/{old['habit_id']}", headers=alice.headers)
    log_id = log_day(client, alice, kept["habit_id"], "2024-03-04").json["data"]["log_id"]
    client.delete(f"{API}/logs/{log_id}", headers=alice.headers)
    routine = client.post(
        f"{API}/routines",
        headers=alice.headers,
        json={"name": "Evening", "time_of_day": "evening", "habit_ids": [kept["habit_id"]]},
    ).json["data"]
    client.delete(f"{API}/routines/{routine['routine_id']}", headers=alice.headers)
    for table in ("families", "family_memberships", "habits", "habit_logs", "routines"):
        backdate_deletions(conn, table)
    client.delete(f"{API}/habits/{recent['habit_id']}", headers=alice.headers)

    result = app.test_cli_runner().invoke(args=["habits", "purge"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "purged: 1 families, 1 family_memberships, 0 family_invitations, 1 habits, 1 routines,"
        " 1 habit_logs"
    )
    names = conn.execute("SELECT name FROM habits.habits ORDER BY name").fetchall()
    assert [row["name"] for row in names] == ["Kept", "Recent"]
    assert [count(conn, t) for t in ("families", "family_memberships", "habit_logs")] == [1, 1, 0]
    assert [count(conn, t) for t in ("routines", "routine_versions")] == [0, 0]
    restored = client.post(f"{API}/habits/{recent['habit_id']}/restore", headers=alice.headers)
    assert restored.status_code == 200
    again = app.test_cli_runner().invoke(args=["habits", "purge"])
    assert "purged: 0 families" in again.output
