"""Readiness, HRV readings, the AI cache (hit counting, expiry, purge), sync history, and a
deleted user taking every training row with them."""

from datetime import date

import pytest

from tests.garmin_training_helpers import activity, call, count, ok, store_activities
from tests.helpers import assert_error

READINESS = {
    "calendar_date": "2024-05-02",
    "readiness_score": 78,
    "recommendation": "moderate",
    "key_factors": ["HRV balanced", "7.5 h sleep"],
    "confidence": 0.8,
    "acwr": 1.05,
}
HASH = "ab" * 32
ENTRY = {
    "content_hash": HASH,
    "analysis_type": "daily_readiness",
    "input_context": {"date": "2024-05-02"},
    "response_text": "Go easy today.",
    "structured_output": {"recommendation": "easy"},
    "model_version": "claude-x",
}


def test_readiness_upsert_list_delete(client, alice, bob):
    stored = ok(call(client, "PUT", alice, "/readiness", json=READINESS))
    assert stored["readiness_score"] == 78
    assert stored["red_flags"] == []
    assert stored["key_factors"] == ["HRV balanced", "7.5 h sleep"]
    again = ok(call(client, "PUT", alice, "/readiness", json={**READINESS, "readiness_score": 60}))
    assert again["readiness_score"] == 60
    ok(call(client, "PUT", alice, "/readiness", json={**READINESS, "calendar_date": "2024-05-03"}))
    window = {"start_date": "2024-05-03", "end_date": "2024-05-31"}
    listed = ok(call(client, "GET", alice, "/readiness", query_string=window))
    assert [r["calendar_date"] for r in listed["items"]] == ["2024-05-03"]
    assert ok(call(client, "GET", alice, "/readiness"))["count"] == 2
    assert ok(call(client, "GET", bob, "/readiness"))["count"] == 0
    assert_error(call(client, "DELETE", bob, "/readiness/2024-05-02"), 404)
    ok(call(client, "DELETE", alice, "/readiness/2024-05-02"))
    assert_error(call(client, "DELETE", alice, "/readiness/2024-05-02"), 404)
    assert_error(call(client, "DELETE", alice, "/readiness/May-2"), 400, "calendar_date")


def test_readiness_bad_input(client, alice, conn):
    bad = {**READINESS, "readiness_score": 101, "recommendation": "sprint", "confidence": 2}
    body = assert_error(call(client, "PUT", alice, "/readiness", json=bad), 400, "readiness_score")
    assert body["data"]["errors"]["recommendation"]
    assert body["data"]["errors"]["confidence"]
    assert count(conn, "daily_readiness") == 0
    assert_error(client.get("/api/v1/garmin/readiness"), 401)


def test_hrv_readings(client, alice, bob, conn):
    reading = {
        "reading_time": "2024-05-02T06:30:00Z",
        "reading_type": "morning",
        "rmssd": 52.5,
        "sdnn": 61,
        "pnn50": 31,
        "status": "balanced",
    }
    stored = ok(call(client, "POST", alice, "/hrv-readings", json=reading), 201)
    assert stored["reading_date"] == "2024-05-02"
    assert stored["rmssd"] == 52.5
    assert_error(call(client, "POST", alice, "/hrv-readings", json=reading), 409, "reading_time")
    ok(call(client, "POST", alice, "/hrv-readings", json={**reading, "reading_type": "sleep"}), 201)
    listed = ok(call(client, "GET", alice, "/hrv-readings", query_string={"reading_type": "sleep"}))
    assert listed["count"] == 1
    assert listed["items"][0]["reading_type"] == "sleep"
    assert (
        ok(call(client, "GET", alice, "/hrv-readings", query_string={"start_date": "2024-05-03"}))[
            "count"
        ]
        == 0
    )
    assert_error(call(client, "DELETE", bob, f"/hrv-readings/{stored['reading_id']}"), 404)
    ok(call(client, "DELETE", alice, f"/hrv-readings/{stored['reading_id']}"))
    assert count(conn, "hrv_readings") == 1
    bad = call(
        client,
        "POST",
        alice,
        "/hrv-readings",
        json={**reading, "pnn50": 120, "reading_type": "noon"},
    )
    assert_error(bad, 400, "pnn50")
    assert count(conn, "hrv_readings") == 1


def test_cache_hit_counts_in_the_read(client, alice, bob):
    stored = ok(call(client, "PUT", alice, "/cache", json=ENTRY))
    assert stored["hit_count"] == 0
    assert stored["last_accessed_at"] is None
    first = ok(call(client, "GET", alice, f"/cache/{HASH}"))
    second = ok(call(client, "GET", alice, f"/cache/{HASH}"))
    assert (first["hit_count"], second["hit_count"]) == (1, 2)
    assert second["structured_output"] == {"recommendation": "easy"}
    assert second["last_accessed_at"] is not None
    assert_error(call(client, "GET", bob, f"/cache/{HASH}"), 404)
    replaced = ok(call(client, "PUT", alice, "/cache", json={**ENTRY, "response_text": "Rest."}))
    assert replaced["hit_count"] == 0
    assert replaced["response_text"] == "Rest."


def test_expired_entries_are_not_served_and_are_purged(client, alice, app, conn):
    ok(call(client, "PUT", alice, "/cache", json=ENTRY))
    ok(call(client, "PUT", alice, "/cache", json={**ENTRY, "content_hash": "cd" * 32}))
    conn.execute(
        "UPDATE aiapp_nonprod.ai_analysis_cache SET expires_at = now() - interval '1 second'"
        " WHERE content_hash = %s",
        (HASH,),
    )
    assert_error(call(client, "GET", alice, f"/cache/{HASH}"), 404)
    hits = conn.execute(
        "SELECT hit_count FROM aiapp_nonprod.ai_analysis_cache WHERE content_hash = %s", (HASH,)
    ).fetchone()
    assert hits["hit_count"] == 0
    result = app.test_cli_runner().invoke(args=["garmin", "cache-purge"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 expired" in result.output
    assert count(conn, "ai_analysis_cache") == 1


def test_cache_bad_input(client, alice, conn):
    bad = {**ENTRY, "content_hash": "NOT-HEX", "analysis_type": "horoscope", "ttl_seconds": 0}
    body = assert_error(call(client, "PUT", alice, "/cache", json=bad), 400, "content_hash")
    assert body["data"]["errors"]["analysis_type"]
    assert body["data"]["errors"]["ttl_seconds"]
    assert count(conn, "ai_analysis_cache") == 0


def test_sync_history_start_finish_list(client, alice, bob):
    started = ok(
        call(
            client,
            "POST",
            alice,
            "/sync-history",
            json={
                "sync_type": "incremental",
                "window_start": "2024-05-01",
                "window_end": "2024-05-02",
                "data_types": ["sleep", "hrv"],
            },
        ),
        201,
    )
    assert started["status"] == "running"
    assert started["completed_at"] is None
    path = f"/sync-history/{started['sync_id']}"
    assert_error(call(client, "PATCH", bob, path, json={"status": "success"}), 404)
    finished = ok(
        call(
            client,
            "PATCH",
            alice,
            path,
            json={
                "status": "partial",
                "records_synced": 40,
                "records_failed": 2,
                "error_message": "rate limited",
                "api_calls_made": 12,
                "rate_limit_hit": True,
            },
        )
    )
    assert finished["status"] == "partial"
    assert finished["records_synced"] == 40
    assert finished["completed_at"] is not None
    assert finished["duration_seconds"] >= 0
    assert_error(call(client, "PATCH", alice, path, json={"status": "success"}), 404)
    ok(call(client, "POST", alice, "/sync-history", json={"syncType": "manual"}), 201)
    listed = ok(call(client, "GET", alice, "/sync-history", query_string={"limit": 1}))
    assert listed["count"] == 1
    assert listed["items"][0]["sync_type"] == "manual"
    assert ok(call(client, "GET", bob, "/sync-history"))["count"] == 0


def test_sync_history_bad_input(client, alice, conn):
    assert_error(
        call(client, "POST", alice, "/sync-history", json={"sync_type": "nightly"}),
        400,
        "sync_type",
    )
    backwards = {"sync_type": "full", "window_start": "2024-05-02", "window_end": "2024-05-01"}
    assert_error(call(client, "POST", alice, "/sync-history", json=backwards), 400, "window_end")
    assert count(conn, "sync_history") == 0
    started = ok(call(client, "POST", alice, "/sync-history", json={"sync_type": "full"}), 201)
    unfinished = call(
        client, "PATCH", alice, f"/sync-history/{started['sync_id']}", json={"status": "running"}
    )
    assert_error(unfinished, 400, "status")


@pytest.mark.parametrize(
    "table",
    [
        "user_profile",
        "training_plans",
        "planned_workouts",
        "heart_rate_samples",
        "hrv_readings",
        "daily_readiness",
        "ai_analysis_cache",
        "training_load_tracking",
        "sync_history",
    ],
)
def test_deleting_a_user_removes_every_training_row(client, alice, conn, table):
    ok(call(client, "PUT", alice, "/profile", json={"garmin_user_id": "g-1"}))
    plan = ok(
        call(
            client,
            "POST",
            alice,
            "/plans",
            json={"name": "P", "start_date": "2024-05-01", "end_date": "2024-05-31"},
        ),
        201,
    )
    ok(
        call(
            client,
            "POST",
            alice,
            f"/plans/{plan['plan_id']}/workouts",
            json={"workout_date": "2024-05-02", "workout_type": "rest"},
        ),
        201,
    )
    store_activities(client, alice, [activity(42, date(2024, 5, 2), 80)])
    ok(
        call(
            client,
            "POST",
            alice,
            "/activity/42/hr-samples",
            json={"timestamps": ["2024-05-02T07:00:00Z"], "heart_rates": [120]},
        )
    )
    ok(
        call(
            client,
            "POST",
            alice,
            "/hrv-readings",
            json={"reading_time": "2024-05-02T06:00:00Z", "reading_type": "morning"},
        ),
        201,
    )
    ok(call(client, "PUT", alice, "/readiness", json=READINESS))
    ok(call(client, "PUT", alice, "/cache", json=ENTRY))
    ok(
        call(
            client,
            "POST",
            alice,
            "/training-load/recompute",
            query_string={"start_date": "2024-05-02", "end_date": "2024-05-02"},
        )
    )
    ok(call(client, "POST", alice, "/sync-history", json={"sync_type": "full"}), 201)
    assert count(conn, table) >= 1
    conn.execute("DELETE FROM aiapp.users WHERE customer_id = %s", (alice.customer_id,))
    assert count(conn, table) == 0
