"""Training load recomputed in SQL: ACWR on hand-checkable series, bands, EWMA, zero days."""

from datetime import date, timedelta

import pytest

from tests.garmin_training_helpers import call, daily_loads, ok, store_activities
from tests.helpers import assert_error

START = date(2024, 1, 1)


def recompute(client, account, start: date, end: date, **extra):
    query = {"start_date": start.isoformat(), "end_date": end.isoformat(), **extra}
    return call(client, "POST", account, "/training-load/recompute", query_string=query)


def by_day(data):
    return {row["calendar_date"]: row for row in data["items"]}


def test_constant_load_gives_acwr_one(client, alice, conn):
    store_activities(client, alice, daily_loads(1000, START, [100] * 70))
    last = START + timedelta(69)
    data = ok(recompute(client, alice, last - timedelta(2), last))
    assert data["count"] == 3
    row = by_day(data)[last.isoformat()]
    assert row["daily_load"] == 100
    assert row["acute_load"] == 100
    assert row["chronic_load"] == 100
    assert row["acwr"] == 1
    assert row["acwr_status"] == "optimal"
    assert row["monotony"] is None  # no variation in the week: the ratio is undefined
    assert row["weekly_ramp_rate"] == 0
    # 70 days of a constant load: fitness (42-day EWMA) lags fatigue (7-day), form negative.
    assert 0 < row["fitness"] < row["fatigue"] < 100
    assert row["form"] < 0
    stored = conn.execute(
        "SELECT count(*) AS n FROM aiapp_nonprod.training_load_tracking WHERE customer_id = %s",
        (alice.customer_id,),
    ).fetchone()
    assert stored["n"] == 3


@pytest.mark.parametrize(
    ("spike", "acwr", "band"),
    [(140, 1.273, "optimal"), (160, 1.391, "caution"), (300, 2.0, "high_risk")],
)
def test_a_spike_week_lands_in_its_band(client, alice, spike, acwr, band):
    # 28 days at 100, then 7 at `spike`: acute = spike, chronic = (21 * 100 + 7 * spike) / 28.
    store_activities(client, alice, daily_loads(2000, START, [100] * 28 + [spike] * 7))
    last = START + timedelta(34)
    row = by_day(ok(recompute(client, alice, last, last)))[last.isoformat()]
    assert row["acute_load"] == spike
    assert row["chronic_load"] == pytest.approx((2100 + 7 * spike) / 28, abs=0.001)
    assert row["acwr"] == pytest.approx(acwr, abs=0.001)
    assert row["acwr_status"] == band


def test_days_without_activities_count_as_zero(client, alice):
    # Load 70 every other day for six weeks.
    loads = [70 if n % 2 == 0 else 0 for n in range(42)]
    items = [a for a in daily_loads(3000, START, loads) if a["activity_activity_training_load"]]
    store_activities(client, alice, items)
    last = START + timedelta(41)
    rows = by_day(ok(recompute(client, alice, START + timedelta(35), last)))
    assert len(rows) == 7  # every day is a row, with or without an activity
    assert rows[last.isoformat()]["daily_load"] == 0
    assert rows[last.isoformat()]["acute_load"] == 30  # 3 x 70 / 7
    assert rows[last.isoformat()]["monotony"] is not None
    low = by_day(ok(recompute(client, alice, last + timedelta(10), last + timedelta(10))))
    assert low[(last + timedelta(10)).isoformat()]["acwr_status"] == "low"


def test_no_load_at_all_has_no_ratio(client, alice):
    row = ok(recompute(client, alice, START, START))["items"][0]
    assert row["acwr"] is None
    assert row["acwr_status"] is None
    assert row["chronic_load"] == 0


def test_recompute_replaces_rows_and_reads_back(client, alice, bob):
    store_activities(client, alice, daily_loads(4000, START, [50] * 30))
    day = START + timedelta(29)
    ok(recompute(client, alice, day, day))
    store_activities(client, alice, daily_loads(5000, day, [250]))  # a second activity that day
    assert by_day(ok(recompute(client, alice, day, day)))[day.isoformat()]["daily_load"] == 300
    query = {"start_date": day.isoformat(), "end_date": day.isoformat()}
    listed = ok(call(client, "GET", alice, "/training-load", query_string=query))
    assert listed["count"] == 1
    assert listed["items"][0]["daily_load"] == 300
    assert ok(call(client, "GET", bob, "/training-load", query_string=query))["count"] == 0


def test_recompute_needs_an_ordered_window(client, alice, conn):
    assert_error(recompute(client, alice, START, START - timedelta(1)), 400, "end_date")
    missing = call(client, "POST", alice, "/training-load/recompute")
    assert_error(missing, 400, "start_date")
    assert_error(recompute(client, alice, START, START + timedelta(4000)), 400, "end_date")
    assert (
        conn.execute("SELECT count(*) AS n FROM aiapp_nonprod.training_load_tracking").fetchone()[
            "n"
        ]
        == 0
    )


def test_recompute_requires_a_token(client):
    assert_error(client.post("/api/v1/garmin/training-load/recompute"), 401)


def test_admin_recomputes_for_a_user(client, admin, alice):
    store_activities(client, alice, daily_loads(6000, START, [40] * 28))
    last = START + timedelta(27)
    data = ok(recompute(client, admin, last, last, customer_id=alice.customer_id))
    assert data["items"][0]["acwr"] == 1
    assert data["items"][0]["customer_id"] == alice.customer_id
