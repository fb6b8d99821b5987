"""Habit logs, streaks and a family's day through HTTP."""

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

# 2024-03-04 is a Monday.
MONDAY = "2024-03-04"


@pytest.fixture
def family(client, alice, bob, carol):
    """Alice owns it, Bob is a member, Carol a child."""
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "member")
    join(client, family_id, alice, carol, "child")
    return family_id


def streak(client, account, habit_id, on):
    response = client.get(
        f"{API}/habits/{habit_id}/streak", headers=account.headers, query_string={"on": on}
    )
    assert response.status_code == 200, response.json
    data = response.json["data"]
    return data["current_streak"], data["longest_streak"]


def test_completed_follows_value_against_the_target_at_the_time(client, alice):
    habit = create_habit(
        client, alice, name="Water", habit_type="numeric", target_value=8, target_unit="cups"
    )
    first = log_day(client, alice, habit["habit_id"], MONDAY, value=5, note="Busy day")
    assert first.status_code == 200
    log = first.json["data"]
    assert (log["customer_id"], log["logged_by"], log["log_date"]) == (
        alice.customer_id,
        alice.customer_id,
        MONDAY,
    )
    assert (log["value"], log["target_value"], log["completed"], log["note"]) == (
        5,
        8,
        False,
        "Busy day",
    )

    again = log_day(client, alice, habit["habit_id"], MONDAY, value=8.5).json["data"]
    assert (again["log_id"], again["value"], again["completed"]) == (log["log_id"], 8.5, True)
    assert again["note"] is None

    client.patch(
        f"{API}/habits/{habit['habit_id']}", headers=alice.headers, json={"targetValue": 10}
    )
    later = log_day(client, alice, habit["habit_id"], "2024-03-05", value=8.5).json["data"]
    assert (later["target_value"], later["completed"]) == (10, False)
    logs = client.get(f"{API}/habits/{habit['habit_id']}/logs", headers=alice.headers).json["data"]
    assert [(e["log_date"], e["target_value"], e["completed"]) for e in logs] == [
        ("2024-03-05", 10, False),
        (MONDAY, 8, True),
    ]


def test_a_boolean_habit_is_logged_with_one_or_zero(client, alice, conn):
    habit = create_habit(client, alice)
    done = log_day(client, alice, habit["habit_id"], MONDAY).json["data"]
    assert (done["value"], done["completed"]) == (1, True)
    assert_error(log_day(client, alice, habit["habit_id"], "2024-03-05", value=2), 400, "value")
    assert count(conn, "habit_logs") == 1
    missed = log_day(client, alice, habit["habit_id"], "2024-03-05", value=0).json["data"]
    assert missed["completed"] is False


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "log_date"),
        ({"log_date": "yesterday"}, "log_date"),
        ({"log_date": MONDAY, "value": -1}, "value"),
        ({"log_date": MONDAY, "value": 1e12}, "value"),
        ({"log_date": MONDAY, "note": "x" * 1001}, "note"),
        ({"log_date": MONDAY, "member_id": "bob"}, "member_id"),
        ({"log_date": MONDAY, "mood": "great"}, "mood"),
    ],
)
def test_bad_log_is_400_and_writes_nothing(client, alice, conn, payload, field):
    habit = create_habit(client, alice)
    response = client.post(
        f"{API}/habits/{habit['habit_id']}/logs", headers=alice.headers, json=payload
    )
    assert_error(response, 400, field)
    assert count(conn, "habit_logs") == 0


def test_a_child_logs_and_a_parent_logs_for_the_child(client, alice, bob, carol, dave, family):
    habit = create_habit(client, alice, name="Brush teeth", family_id=family)
    habit_id = habit["habit_id"]

    own = log_day(client, carol, habit_id, MONDAY).json["data"]
    assert (own["customer_id"], own["logged_by"]) == (carol.customer_id, carol.customer_id)
    for_child = log_day(client, alice, habit_id, "2024-03-05", member_id=carol.customer_id)
    assert (for_child.json["data"]["customer_id"], for_child.json["data"]["logged_by"]) == (
        carol.customer_id,
        alice.customer_id,
    )
    assert_error(log_day(client, carol, habit_id, MONDAY, member_id=bob.customer_id), 403)
    assert_error(log_day(client, bob, habit_id, MONDAY, member_id=carol.customer_id), 403)
    outsider = log_day(client, alice, habit_id, MONDAY, member_id=dave.customer_id)
    assert_error(outsider, 404, "member_id")
    assert_error(log_day(client, dave, habit_id, MONDAY), 404)

    personal = create_habit(client, alice, name="Journal")
    to_other = log_day(client, alice, personal["habit_id"], MONDAY, member_id=bob.customer_id)
    assert_error(to_other, 404, "member_id")

    logs = client.get(f"{API}/habits/{habit_id}/logs", headers=bob.headers).json["data"]
    assert [(e["log_date"], e["customer_id"]) for e in logs] == [
        ("2024-03-05", carol.customer_id),
        (MONDAY, carol.customer_id),
    ]


def test_listing_logs_by_days_member_and_limit(client, alice, bob, family):
    habit_id = create_habit(client, alice, family_id=family)["habit_id"]
    for day in ("2024-03-01", "2024-03-02", "2024-03-03"):
        log_day(client, alice, habit_id, day)
        log_day(client, bob, habit_id, day)

    def days(**query):
        url = f"{API}/habits/{habit_id}/logs"
        response = client.get(url, headers=alice.headers, query_string=query)
        return [(e["log_date"][-2:], e["customer_id"]) for e in response.json["data"]]

    a, b = alice.customer_id, bob.customer_id
    assert days(**{"from": "2024-03-02", "to": "2024-03-02"}) == [("02", a), ("02", b)]
    assert days(member_id=b, limit=2) == [("03", b), ("02", b)]
    assert len(days()) == 6
    url = f"{API}/habits/{habit_id}/logs"
    bad_range = {"from": "2024-03-03", "to": "2024-03-01"}
    assert_error(client.get(url, headers=alice.headers, query_string=bad_range), 400, "from")
    assert_error(client.get(url, headers=alice.headers, query_string={"limit": 0}), 400, "limit")


def test_deleting_and_restoring_a_log(client, alice, bob, carol, dave, family, conn):
    habit_id = create_habit(client, alice, family_id=family)["habit_id"]
    carols = log_day(client, carol, habit_id, MONDAY).json["data"]["log_id"]
    bobs = log_day(client, bob, habit_id, MONDAY).json["data"]["log_id"]

    assert_error(client.delete(f"{API}/logs/{carols}", headers=bob.headers), 403)
    assert_error(client.delete(f"{API}/logs/{carols}", headers=dave.headers), 404)
    deleted = client.delete(f"{API}/logs/{carols}", headers=carol.headers)
    assert deleted.json["data"]["deleted_at"] is not None
    assert client.delete(f"{API}/logs/{bobs}", headers=alice.headers).status_code == 200
    logs = client.get(f"{API}/habits/{habit_id}/logs", headers=alice.headers).json["data"]
    assert logs == []
    assert_error(client.delete(f"{API}/logs/{carols}", headers=carol.headers), 404)

    assert_error(client.post(f"{API}/logs/{carols}/restore", headers=bob.headers), 404)
    restored = client.post(f"{API}/logs/{carols}/restore", headers=carol.headers)
    assert (restored.status_code, restored.json["data"]["deleted_at"]) == (200, None)
    logs = client.get(f"{API}/habits/{habit_id}/logs", headers=alice.headers).json["data"]
    assert [e["log_id"] for e in logs] == [carols]

    backdate_deletions(conn, "habit_logs")
    assert_error(client.post(f"{API}/logs/{bobs}/restore", headers=alice.headers), 404)
    # Logging the day again revives the deleted log instead of clashing with it.
    relogged = log_day(client, bob, habit_id, MONDAY).json["data"]
    assert relogged["log_id"] == bobs


def test_streaks_across_a_gap(client, alice):
    habit_id = create_habit(client, alice)["habit_id"]
    for day in ("2024-03-01", "2024-03-02", "2024-03-03", "2024-03-05", "2024-03-06"):
        log_day(client, alice, habit_id, day)
    log_day(client, alice, habit_id, "2024-03-04", value=0)  # logged, not done: still a gap

    assert streak(client, alice, habit_id, "2024-03-06") == (2, 3)
    assert streak(client, alice, habit_id, "2024-03-07") == (2, 3)  # today is not over yet
    assert streak(client, alice, habit_id, "2024-03-08") == (0, 3)
    assert streak(client, alice, habit_id, "2024-03-03") == (3, 3)  # later logs do not count
    assert streak(client, alice, habit_id, "2024-02-29") == (0, 0)
    response = client.get(
        f"{API}/habits/{habit_id}/streak", headers=alice.headers, query_string={"on": "2024-03-06"}
    )
    assert response.json["data"] == {
        "habit_id": habit_id,
        "as_of": "2024-03-06",
        "current_streak": 2,
        "current_streak_started_on": "2024-03-05",
        "longest_streak": 3,
        "last_completed_on": "2024-03-06",
    }

    logs = client.get(f"{API}/habits/{habit_id}/logs", headers=alice.headers).json["data"]
    second = next(e["log_id"] for e in logs if e["log_date"] == "2024-03-02")
    client.delete(f"{API}/logs/{second}", headers=alice.headers)
    assert streak(client, alice, habit_id, "2024-03-06") == (2, 2)
    client.post(f"{API}/logs/{second}/restore", headers=alice.headers)
    assert streak(client, alice, habit_id, "2024-03-06") == (2, 3)


def test_a_weekly_streak_counts_only_its_days(client, alice):
    habit_id = create_habit(client, alice, name="Swim", frequency="weekly", days_of_week=[1, 3, 5])[
        "habit_id"
    ]
    # Mon, Wed, Fri, Mon; a log on a day off (Tuesday) neither counts nor breaks anything.
    for day in ("2024-03-04", "2024-03-05", "2024-03-06", "2024-03-08", "2024-03-11"):
        log_day(client, alice, habit_id, day)

    assert streak(client, alice, habit_id, "2024-03-11") == (4, 4)
    assert streak(client, alice, habit_id, "2024-03-12") == (4, 4)  # Tuesday: a day off
    assert streak(client, alice, habit_id, "2024-03-13") == (4, 4)  # Wednesday, not over yet
    assert streak(client, alice, habit_id, "2024-03-14") == (0, 4)  # Wednesday was missed
    log_day(client, alice, habit_id, "2024-03-15")
    assert streak(client, alice, habit_id, "2024-03-15") == (1, 4)


def test_a_streak_is_the_callers_own_and_needs_access(client, alice, bob, dave, family):
    habit_id = create_habit(client, alice, family_id=family)["habit_id"]
    for day in ("2024-03-01", "2024-03-02"):
        log_day(client, bob, habit_id, day)
    assert streak(client, bob, habit_id, "2024-03-02") == (2, 2)
    assert streak(client, alice, habit_id, "2024-03-02") == (0, 0)
    assert_error(client.get(f"{API}/habits/{habit_id}/streak", headers=dave.headers), 404)
    url = f"{API}/habits/{habit_id}/streak?on=tomorrow"
    assert_error(client.get(url, headers=bob.headers), 400, "on")


def test_a_familys_day(client, alice, bob, carol, dave, family, conn):
    brush = create_habit(client, alice, name="Brush teeth", family_id=family)
    swim = create_habit(
        client,
        alice,
        name="Swim",
        family_id=family,
        habit_type="duration",
        target_value=30,
        target_unit="minutes",
        frequency="weekly",
        days_of_week=[1],
    )
    create_habit(
        client, alice, name="Piano", family_id=family, frequency="weekly", days_of_week=[2]
    )
    create_habit(client, alice, name="Paused", family_id=family, active=False)
    gone = create_habit(client, alice, name="Gone", family_id=family)
    client.delete(f"{API}/habits/{gone['habit_id']}", headers=alice.headers)
    create_habit(client, alice, name="Journal")  # Alice's own: not the family's business
    log_day(client, alice, brush["habit_id"], MONDAY)
    log_day(client, alice, swim["habit_id"], MONDAY, value=45)
    log_day(client, bob, swim["habit_id"], MONDAY, value=10)
    log_day(client, alice, brush["habit_id"], MONDAY, member_id=carol.customer_id)

    response = client.get(
        f"{API}/families/{family}/today", headers=carol.headers, query_string={"on": MONDAY}
    )
    assert response.status_code == 200
    day = response.json["data"]
    assert (day["family_id"], day["date"]) == (family, MONDAY)
    summary = [
        (m["customer_id"], m["role"], m["habits_due"], m["habits_completed"])
        for m in day["members"]
    ]
    assert summary == [
        (alice.customer_id, "owner", 2, 2),
        (bob.customer_id, "member", 2, 0),
        (carol.customer_id, "child", 2, 1),
    ]
    bobs = day["members"][1]["habits"]
    assert [(h["name"], h["value"], h["completed"]) for h in bobs] == [
        ("Brush teeth", None, False),
        ("Swim", 10, False),
    ]
    carols_brush = day["members"][2]["habits"][0]
    assert (carols_brush["completed"], carols_brush["logged_by"]) == (True, alice.customer_id)

    tuesday = client.get(
        f"{API}/families/{family}/today", headers=bob.headers, query_string={"on": "2024-03-05"}
    ).json["data"]
    assert [h["name"] for h in tuesday["members"][0]["habits"]] == ["Brush teeth", "Piano"]
    assert_error(client.get(f"{API}/families/{family}/today", headers=dave.headers), 404)
    today = client.get(f"{API}/families/{family}/today", headers=alice.headers).json["data"]
    current_date = conn.execute("SELECT current_date AS d").fetchone()["d"]
    assert today["date"] == current_date.isoformat()
    assert "Brush teeth" in [h["name"] for h in today["members"][0]["habits"]]
