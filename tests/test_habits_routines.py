"""Versioned routines through HTTP: every edit is a new version; any day's version reads back."""

import psycopg
import pytest

from tests.habits_helpers import (
    API,
    backdate_deletions,
    count,
    create_family,
    create_habit,
    join,
)
from tests.helpers import assert_error


def create_routine(client, account, habit_ids, **fields):
    payload = {"name": "Morning", "time_of_day": "morning", "habit_ids": habit_ids, **fields}
    made = client.post(f"{API}/routines", headers=account.headers, json=payload)
    assert made.status_code == 201, made.json
    return made.json["data"]


def edit(client, account, routine_id, **fields):
    return client.patch(f"{API}/routines/{routine_id}", headers=account.headers, json=fields)


def on(client, account, routine_id, day):
    return client.get(
        f"{API}/routines/{routine_id}", headers=account.headers, query_string={"on": day}
    )


def test_create_a_routine(client, alice):
    read, stretch = (create_habit(client, alice, name=n) for n in ("Read", "Stretch"))
    routine = create_routine(client, alice, [stretch["habit_id"], read["habit_id"]])
    assert (routine["customer_id"], routine["family_id"], routine["version"]) == (
        alice.customer_id,
        None,
        1,
    )
    assert (routine["name"], routine["time_of_day"], routine["custom_time"]) == (
        "Morning",
        "morning",
        None,
    )
    assert [h["name"] for h in routine["habits"]] == ["Stretch", "Read"]
    assert routine["effective_to"] is None
    got = client.get(f"{API}/routines/{routine['routine_id']}", headers=alice.headers)
    assert got.json["data"] == routine
    listed = client.get(f"{API}/routines", headers=alice.headers).json["data"]
    assert listed == [routine]


def test_a_routine_edited_twice_has_three_versions_each_on_its_days(client, alice, conn):
    read, stretch = (create_habit(client, alice, name=n) for n in ("Read", "Stretch"))
    routine_id = create_routine(client, alice, [read["habit_id"]])["routine_id"]

    second = edit(client, alice, routine_id, name="Wake up", habit_ids=[stretch["habit_id"]])
    assert second.status_code == 200
    assert (second.json["data"]["version"], second.json["data"]["name"]) == (2, "Wake up")
    third = edit(client, alice, routine_id, time_of_day="custom", custom_time="06:30:00")
    current = third.json["data"]
    assert (current["version"], current["name"], current["custom_time"]) == (
        3,
        "Wake up",
        "06:30:00",
    )
    assert [h["name"] for h in current["habits"]] == ["Stretch"]

    versions = client.get(f"{API}/routines/{routine_id}/versions", headers=alice.headers)
    history = versions.json["data"]
    assert [(v["version"], v["name"], v["time_of_day"]) for v in history] == [
        (1, "Morning", "morning"),
        (2, "Wake up", "morning"),
        (3, "Wake up", "custom"),
    ]
    assert [[h["name"] for h in v["habits"]] for v in history] == [
        ["Read"],
        ["Stretch"],
        ["Stretch"],
    ]
    # The versions tile time: each ends exactly where the next begins; only the last is open.
    assert history[0]["effective_to"] == history[1]["effective_from"]
    assert history[1]["effective_to"] == history[2]["effective_from"]
    assert history[2]["effective_to"] is None

    # The edits happened seconds apart; move them to 1 January, 1 February and 1 March.
    conn.execute(
        """
        UPDATE habits.routine_versions SET
            effective_from = (DATE '2024-01-01' + (version - 1) * interval '1 month')
                + interval '9 hours',
            effective_to = CASE WHEN version < 3
                THEN DATE '2024-01-01' + version * interval '1 month' + interval '9 hours' END
        """
    )
    expected = {
        "2023-12-31": None,
        "2024-01-01": 1,
        "2024-01-15": 1,
        "2024-01-31": 1,
        "2024-02-01": 2,  # edited that morning: the day ended with version 2
        "2024-02-20": 2,
        "2024-03-01": 3,
        "2030-01-01": 3,
    }
    for day, version in expected.items():
        response = on(client, alice, routine_id, day)
        if version is None:
            assert_error(response, 404)
        else:
            assert response.json["data"]["version"] == version, day
    assert on(client, alice, routine_id, "2024-01-15").json["data"]["name"] == "Morning"
    now = client.get(f"{API}/routines/{routine_id}", headers=alice.headers).json["data"]
    assert now["version"] == 3
    assert [h["habit_id"] for h in now["habits"]] == [stretch["habit_id"]]
    assert count(conn, "routine_versions") == 3


def test_the_database_allows_one_open_version(client, alice, conn):
    habit_id = create_habit(client, alice)["habit_id"]
    routine_id = create_routine(client, alice, [habit_id])["routine_id"]
    with pytest.raises(psycopg.errors.UniqueViolation, match="routine_versions_one_open_key"):
        conn.execute(
            "INSERT INTO habits.routine_versions"
            " (routine_id, version, name, time_of_day, habit_ids, effective_from)"
            " VALUES (%s, 2, 'Twin', 'morning', ARRAY[%s::uuid], now() + interval '1 day')",
            (routine_id, habit_id),
        )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"time_of_day": "custom"}, "custom_time"),
        ({"custom_time": "07:00:00"}, "custom_time"),
        ({"time_of_day": "noon"}, "time_of_day"),
        ({"habit_ids": []}, "habit_ids"),
        ({"habit_ids": "twice"}, "habit_ids"),
        ({"name": ""}, "name"),
        ({"steps": 3}, "steps"),
    ],
)
def test_bad_routine_is_400_and_writes_nothing(client, alice, conn, fields, field):
    habit_id = create_habit(client, alice)["habit_id"]
    payload = {"name": "Morning", "time_of_day": "morning", "habit_ids": [habit_id], **fields}
    assert_error(client.post(f"{API}/routines", headers=alice.headers, json=payload), 400, field)
    assert count(conn, "routines") == 0


def test_a_routine_lists_only_its_owners_live_habits_once(client, alice, bob, conn):
    own = create_habit(client, alice)["habit_id"]
    bobs = create_habit(client, bob)["habit_id"]
    deleted = create_habit(client, alice, name="Gone")["habit_id"]
    client.delete(f"{API}/habits/{deleted}", headers=alice.headers)
    for habit_ids in ([own, bobs], [own, deleted], [own, own]):
        response = client.post(
            f"{API}/routines",
            headers=alice.headers,
            json={"name": "Mixed", "time_of_day": "evening", "habit_ids": habit_ids},
        )
        assert_error(response, 400, "habit_ids")
    assert count(conn, "routines") == 0

    routine_id = create_routine(client, alice, [own])["routine_id"]
    assert_error(edit(client, alice, routine_id, habit_ids=[bobs]), 400, "habit_ids")
    assert count(conn, "routine_versions") == 1


def test_an_edit_carries_over_what_was_not_sent_but_not_deleted_habits(client, alice):
    read, stretch = (create_habit(client, alice, name=n) for n in ("Read", "Stretch"))
    routine_id = create_routine(
        client,
        alice,
        [read["habit_id"], stretch["habit_id"]],
        time_of_day="custom",
        custom_time="21:00",
    )["routine_id"]
    client.delete(f"{API}/habits/{read['habit_id']}", headers=alice.headers)
    # Reads leave out the deleted habit at once; the next version no longer lists it at all.
    before = client.get(f"{API}/routines/{routine_id}", headers=alice.headers).json["data"]
    assert [h["name"] for h in before["habits"]] == ["Stretch"]

    renamed = edit(client, alice, routine_id, name="Night").json["data"]
    assert (renamed["name"], renamed["time_of_day"], renamed["custom_time"]) == (
        "Night",
        "custom",
        "21:00:00",
    )
    client.post(f"{API}/habits/{read['habit_id']}/restore", headers=alice.headers)
    versions = client.get(f"{API}/routines/{routine_id}/versions", headers=alice.headers)
    assert [[h["name"] for h in v["habits"]] for v in versions.json["data"]] == [
        ["Read", "Stretch"],
        ["Stretch"],
    ]
    evening = edit(client, alice, routine_id, time_of_day="evening").json["data"]
    assert (evening["time_of_day"], evening["custom_time"]) == ("evening", None)
    assert_error(edit(client, alice, routine_id), 400)
    assert_error(edit(client, alice, routine_id, custom_time="05:00"), 400, "custom_time")


def test_family_routines_owners_and_admins_edit_children_read(client, alice, bob, carol, register):
    dave = register("dave@example.com")
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "admin")
    join(client, family_id, alice, carol, "child")
    habit_id = create_habit(client, alice, name="Tidy up", family_id=family_id)["habit_id"]
    own_habit = create_habit(client, alice, name="Own")["habit_id"]

    routine = create_routine(client, bob, [habit_id], family_id=family_id)
    assert (routine["family_id"], routine["customer_id"]) == (family_id, None)
    routine_id = routine["routine_id"]
    assert on(client, carol, routine_id, "2030-01-01").status_code == 200
    listed = client.get(
        f"{API}/routines", headers=carol.headers, query_string={"family_id": family_id}
    )
    assert [r["routine_id"] for r in listed.json["data"]] == [routine_id]
    assert_error(edit(client, carol, routine_id, name="Mine"), 403)
    assert_error(client.delete(f"{API}/routines/{routine_id}", headers=carol.headers), 403)
    assert_error(client.get(f"{API}/routines/{routine_id}", headers=dave.headers), 404)
    assert_error(client.get(f"{API}/routines/{routine_id}/versions", headers=dave.headers), 404)
    assert_error(edit(client, dave, routine_id, name="Mine"), 404)
    assert client.get(f"{API}/routines", headers=dave.headers).json["data"] == []
    assert edit(client, alice, routine_id, name="Evening chores").json["data"]["version"] == 2

    payload = {
        "name": "X",
        "time_of_day": "morning",
        "habit_ids": [habit_id],
        "family_id": family_id,
    }
    assert_error(client.post(f"{API}/routines", headers=carol.headers, json=payload), 403)
    assert_error(client.post(f"{API}/routines", headers=dave.headers, json=payload), 404)
    mixed = {**payload, "habit_ids": [own_habit]}
    assert_error(
        client.post(f"{API}/routines", headers=alice.headers, json=mixed), 400, "habit_ids"
    )


def test_soft_delete_hides_a_routine_and_restore_brings_it_back(client, alice, bob, conn):
    habit_id = create_habit(client, alice)["habit_id"]
    routine_id = create_routine(client, alice, [habit_id])["routine_id"]
    edit(client, alice, routine_id, name="Sunrise")
    url = f"{API}/routines/{routine_id}"

    assert_error(client.delete(url, headers=bob.headers), 404)
    deleted = client.delete(url, headers=alice.headers)
    assert deleted.json["data"]["deleted_at"] is not None
    assert_error(client.get(url, headers=alice.headers), 404)
    assert_error(client.get(f"{url}/versions", headers=alice.headers), 404)
    assert_error(edit(client, alice, routine_id, name="Again"), 404)
    assert_error(client.delete(url, headers=alice.headers), 404)
    assert client.get(f"{API}/routines", headers=alice.headers).json["data"] == []

    assert_error(client.post(f"{url}/restore", headers=bob.headers), 404)
    restored = client.post(f"{url}/restore", headers=alice.headers)
    assert (restored.status_code, restored.json["data"]["deleted_at"]) == (200, None)
    back = client.get(url, headers=alice.headers).json["data"]
    assert (back["version"], back["name"]) == (2, "Sunrise")

    client.delete(url, headers=alice.headers)
    backdate_deletions(conn, "routines")
    assert_error(client.post(f"{url}/restore", headers=alice.headers), 404)
