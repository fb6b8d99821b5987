"""The seed's read patterns: the daily_metrics view, activity date range, weekly summary, HRV
trend, and heart-rate samples (bulk upload in JSON or CSV, merge / replace, downsampling)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.garmin_training_helpers import activity, call, count, ok, store_activities
from tests.helpers import assert_error

START = datetime(2024, 6, 3, 7, 0, tzinfo=UTC)


def ingest(client, account, route, items):
    ok(call(client, "POST", account, f"/{route}", json={"items": items}))


def test_daily_metrics_joins_one_row_per_day(client, alice, bob):
    ingest(
        client,
        alice,
        "summary",
        [{"calendar_date": "2024-06-01", "total_steps": 9000, "resting_heart_rate": 50}],
    )
    ingest(
        client,
        alice,
        "sleep",
        [
            {
                "calendar_date": "2024-06-01",
                "sleep_time_seconds": 27000,
                "sleep_overall_score_value": 82,
            }
        ],
    )
    ingest(
        client,
        alice,
        "hrv",
        [{"calendar_date": "2024-06-02", "hrv_last_night_avg": 61, "hrv_status": "BALANCED"}],
    )
    ingest(client, alice, "body-composition", [{"calendar_date": "2024-06-01", "weight": 70.2}])
    ingest(client, alice, "fitness-age", [{"calendar_date": "2024-06-01", "fitness_age": 31}])
    ingest(
        client,
        alice,
        "training-status",
        [{"calendar_date": "2024-06-01", "vo2_max_precise_value": 52.5}],
    )
    one = ok(call(client, "GET", alice, "/daily-metrics", query_string={"date": "2024-06-01"}))
    assert one["count"] == 1
    day = one["items"][0]
    assert (day["steps"], day["resting_heart_rate"], day["sleep_score"]) == (9000, 50, 82)
    assert (day["weight_kg"], day["fitness_age"], day["vo2_max"]) == (70.2, 31, 52.5)
    assert day["hrv_rmssd"] is None
    window = {"startDate": "2024-06-01", "endDate": "2024-06-30"}
    both = ok(call(client, "GET", alice, "/daily-metrics", query_string=window))
    assert [d["calendar_date"] for d in both["items"]] == ["2024-06-01", "2024-06-02"]
    assert both["items"][1]["hrv_rmssd"] == 61
    assert both["items"][1]["steps"] is None
    assert ok(call(client, "GET", bob, "/daily-metrics", query_string=window))["count"] == 0


def test_daily_metrics_needs_a_day_or_a_window(client, alice):
    assert_error(call(client, "GET", alice, "/daily-metrics"), 400, "date")
    mixed = {"date": "2024-06-01", "start_date": "2024-06-01"}
    assert_error(call(client, "GET", alice, "/daily-metrics", query_string=mixed), 400, "date")
    backwards = {"start_date": "2024-06-02", "end_date": "2024-06-01"}
    assert_error(
        call(client, "GET", alice, "/daily-metrics", query_string=backwards), 400, "end_date"
    )
    assert_error(client.get("/api/v1/garmin/daily-metrics?date=2024-06-01"), 401)


def test_activity_range_and_type_filter(client, alice, bob):
    store_activities(
        client,
        alice,
        [
            activity(11, date(2024, 6, 3), 50, activity_type="running", avg_power=250),
            activity(12, date(2024, 6, 4), 60, activity_type="cycling"),
            activity(13, date(2024, 6, 20), 70, activity_type="running"),
        ],
    )
    window = {"start_date": "2024-06-01", "end_date": "2024-06-10"}
    both = ok(call(client, "GET", alice, "/activities/range", query_string=window))
    assert [a["activity_id"] for a in both["items"]] == [11, 12]
    assert both["items"][0]["avg_power"] == 250
    assert "raw_activity_data" not in both["items"][0]
    runs = ok(
        call(
            client,
            "GET",
            alice,
            "/activities/range",
            query_string={**window, "activity_type": "cycling"},
        )
    )
    assert [a["activity_id"] for a in runs["items"]] == [12]
    assert ok(call(client, "GET", bob, "/activities/range", query_string=window))["count"] == 0
    assert_error(call(client, "GET", alice, "/activities/range"), 400, "start_date")


def test_weekly_summary_per_iso_week_and_type(client, alice):
    store_activities(
        client,
        alice,
        [
            activity(
                21,
                date(2024, 6, 3),
                50,
                activity_duration=3600,
                activity_distance=10000,
                activity_secs_in_zone2=3000,
                activity_secs_in_zone3=600,
            ),
            activity(
                22,
                date(2024, 6, 9),
                30,
                activity_type="cycling",
                activity_duration=1800,
                activity_secs_in_zone2=1800,
            ),
            activity(23, date(2024, 6, 10), 40, activity_duration=2400),
        ],
    )
    week = ok(call(client, "GET", alice, "/weekly-summary", query_string={"week": "2024-06-05"}))
    assert week["count"] == 1
    summary = week["weeks"][0]
    assert summary["iso_week"] == "2024-W23"
    assert summary["week_start"] == "2024-06-03"
    assert (summary["activities"], summary["duration_seconds"], summary["training_load"]) == (
        2,
        5400,
        80,
    )
    assert summary["hr_zone_seconds"]["zone2"] == 4800
    assert summary["hr_zone_seconds"]["zone3"] == 600
    assert summary["by_type"]["running"]["distance_meters"] == 10000
    assert summary["by_type"]["cycling"]["activities"] == 1
    weeks = ok(
        call(
            client,
            "GET",
            alice,
            "/weekly-summary",
            query_string={"start_date": "2024-06-01", "end_date": "2024-06-30"},
        )
    )
    assert [w["iso_week"] for w in weeks["weeks"]] == ["2024-W23", "2024-W24"]
    assert_error(call(client, "GET", alice, "/weekly-summary"), 400, "week")


def test_hrv_trend_rolling_mean_and_baseline(client, alice):
    first = date(2024, 5, 1)
    # 28 days alternating 50 / 70 (mean 60), then three days at 40.
    values = [50 if n % 2 == 0 else 70 for n in range(28)] + [40, 40, 40]
    ingest(
        client,
        alice,
        "hrv",
        [
            {"calendar_date": (first + timedelta(n)).isoformat(), "hrv_last_night_avg": v}
            for n, v in enumerate(values)
        ],
    )
    last = first + timedelta(30)
    trend = ok(
        call(
            client,
            "GET",
            alice,
            "/hrv/trend",
            query_string={"days": 3, "end_date": last.isoformat()},
        )
    )
    assert [d["calendar_date"] for d in trend["items"]] == [
        (last - timedelta(2)).isoformat(),
        (last - timedelta(1)).isoformat(),
        last.isoformat(),
    ]
    day = trend["items"][0]  # 2024-05-29: the previous 28 days alternate 50 / 70
    assert day["hrv"] == 40
    assert day["baseline_low"] == pytest.approx(60 - 10.2, abs=0.1)
    assert day["baseline_high"] == pytest.approx(60 + 10.2, abs=0.1)
    # last 7 days: 70, 50, 70, 50, 40, 40, 40 on 2024-05-31
    assert trend["items"][2]["rolling_7d_mean"] == pytest.approx(360 / 7, abs=0.05)
    assert ok(call(client, "GET", alice, "/hrv/trend"))["count"] == 0
    assert_error(call(client, "GET", alice, "/hrv/trend", query_string={"days": 0}), 400, "days")


def samples_body(n: int, start: datetime = START, step: int = 1, base: int = 100):
    return {
        "timestamps": [(start + timedelta(seconds=step * i)).isoformat() for i in range(n)],
        "heart_rates": [base + (i % 60) for i in range(n)],
    }


@pytest.fixture
def run(client, alice):
    store_activities(
        client, alice, [activity(31, START.date(), 90, activity_start_time=START.isoformat())]
    )
    return "/activity/31/hr-samples"


def test_bulk_upload_of_1800_samples_and_read_back(client, alice, conn, run):
    stored = ok(call(client, "POST", alice, run, json=samples_body(1800)))
    assert stored == {"activity_id": 31, "mode": "merge", "written": 1800, "deleted": 0}
    assert count(conn, "heart_rate_samples") == 1800
    full = ok(call(client, "GET", alice, run))
    assert full["count"] == 1800
    assert full["downsampled"] is False
    assert full["samples"][0]["heart_rate"] == 100
    assert full["samples"][0]["elapsed_seconds"] == 0
    assert full["samples"][-1]["elapsed_seconds"] == 1799
    buckets = ok(call(client, "GET", alice, run, query_string={"downsample": 30}))
    assert buckets["count"] == 30
    assert buckets["downsampled"] is True
    # Each bucket holds 60 samples: heart rates 100..159, mean 129.5, max 159.
    assert {b["heart_rate"] for b in buckets["samples"]} == {129.5}
    assert {b["max_heart_rate"] for b in buckets["samples"]} == {159}
    assert buckets["samples"][1]["elapsed_seconds"] == 60


def test_merge_keeps_and_replace_drops_other_samples(client, alice, conn, run):
    ok(call(client, "POST", alice, run, json=samples_body(10)))
    later = samples_body(5, START + timedelta(seconds=8), base=150)
    merged = ok(call(client, "POST", alice, run, json=later))
    assert merged["written"] == 5
    assert count(conn, "heart_rate_samples") == 13
    overwritten = conn.execute(
        "SELECT heart_rate FROM aiapp_nonprod.heart_rate_samples WHERE sample_time = %s",
        (START + timedelta(seconds=8),),
    ).fetchone()
    assert overwritten["heart_rate"] == 150
    replaced = ok(
        call(client, "POST", alice, run, json=samples_body(3), query_string={"mode": "replace"})
    )
    assert replaced["mode"] == "replace"
    assert replaced["deleted"] == 10
    assert count(conn, "heart_rate_samples") == 3


def test_csv_upload(client, alice, conn, run):
    csv = "timestamp,heart_rate\n2024-06-03T07:00:00Z,101\n2024-06-03T07:00:01Z,102\n"
    stored = ok(
        client.post(
            f"/api/v1/garmin{run}", data=csv, content_type="text/csv", headers=alice.headers
        )
    )
    assert stored["written"] == 2
    assert count(conn, "heart_rate_samples") == 2
    bad = client.post(
        f"/api/v1/garmin{run}",
        data="time,bpm\n1,2\n",
        content_type="text/csv",
        headers=alice.headers,
    )
    assert_error(bad, 400, "body")
    wrong = client.post(
        f"/api/v1/garmin{run}",
        data=csv.replace("101", "abc"),
        content_type="text/csv",
        headers=alice.headers,
    )
    assert_error(wrong, 400, "heart_rates")
    xml = client.post(
        f"/api/v1/garmin{run}", data="<x/>", content_type="application/xml", headers=alice.headers
    )
    assert_error(xml, 415)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"timestamps": ["2024-06-03T07:00:00Z"], "heart_rates": [300]}, "heart_rates"),
        ({"timestamps": ["2024-06-03T07:00:00Z"], "heart_rates": [10]}, "heart_rates"),
        (
            {
                "timestamps": ["2024-06-03T07:00:01Z", "2024-06-03T07:00:00Z"],
                "heart_rates": [100, 101],
            },
            "timestamps",
        ),
        (
            {
                "timestamps": ["2024-06-03T07:00:00Z", "2024-06-03T07:00:00Z"],
                "heart_rates": [100, 101],
            },
            "timestamps",
        ),
        (
            {"timestamps": ["2024-06-03T07:00:00Z", "2024-06-03T07:00:01Z"], "heart_rates": [100]},
            "heart_rates",
        ),
        ({"timestamps": [], "heart_rates": []}, "timestamps"),
        ({"heart_rates": [100]}, "timestamps"),
    ],
)
def test_bad_samples_write_nothing(client, alice, conn, run, body, field):
    ok(call(client, "POST", alice, run, json=samples_body(2)))
    assert_error(
        call(client, "POST", alice, run, json=body, query_string={"mode": "replace"}), 400, field
    )
    assert count(conn, "heart_rate_samples") == 2


def test_samples_of_another_users_activity_are_404(client, alice, bob, conn, run):
    assert_error(call(client, "POST", bob, run, json=samples_body(5)), 404)
    assert count(conn, "heart_rate_samples") == 0
    ok(call(client, "POST", alice, run, json=samples_body(5)))
    assert_error(call(client, "GET", bob, run), 404)
    assert_error(call(client, "GET", alice, "/activity/999/hr-samples"), 404)
    assert_error(client.get(f"/api/v1/garmin{run}"), 401)


def test_admin_uploads_for_a_user(client, admin, alice, run):
    stored = call(
        client,
        "POST",
        admin,
        run,
        json=samples_body(4),
        query_string={"customer_id": alice.customer_id},
    )
    assert ok(stored)["written"] == 4
    assert ok(call(client, "GET", alice, run))["count"] == 4
