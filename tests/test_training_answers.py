"""The training answers match their documented schemas key for key, on data that fills every
list: the seeded demo user (activities, HR samples, daily datasets, readiness, load, a plan with
workouts) plus an HRV reading, a cached answer and a sync record. The contract test checks types
against the OpenAPI document; this one also fails when PostgreSQL answers a key the schema does
not declare, or a declared key is missing, so the document lists exactly what is sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from marshmallow import RAISE, Schema

from app.training import answers, read_answers
from tests.test_garmin_training_seed import invoke, login

API = "/api/v1/garmin"


def _check(schema: type[Schema], row: dict[str, Any], path: str) -> None:
    assert set(row) == set(schema._declared_fields), f"{path}: {schema.__name__} keys differ"
    schema(unknown=RAISE).load(row)  # every value of its documented type


@pytest.fixture
def demo(app, client) -> dict[str, str]:
    headers = login(client, invoke(app).output)
    reading = {"reading_time": datetime.now(UTC).isoformat(), "reading_type": "morning"}
    for path, body in (
        ("/hrv-readings", reading),
        ("/sync-history", {"sync_type": "full", "data_types": ["sleep"]}),
    ):
        assert client.post(f"{API}{path}", json=body, headers=headers).status_code == 201
    cache = {"content_hash": "cd" * 32, "analysis_type": "daily_readiness", "response_text": "ok"}
    assert client.put(f"{API}/cache", json=cache, headers=headers).status_code == 200
    return headers


def test_every_training_list_answers_its_documented_keys(client, demo):
    today = datetime.now(UTC).date()
    window = {"start_date": (today - timedelta(days=40)).isoformat(), "end_date": today.isoformat()}
    lists = [
        ("/plans", {}, "items", answers.TrainingPlanSchema),
        ("/readiness", {}, "items", answers.ReadinessVerdictSchema),
        ("/hrv-readings", {}, "items", answers.StoredHrvReadingSchema),
        ("/sync-history", {}, "items", answers.SyncRecordSchema),
        ("/daily-metrics", window, "items", read_answers.DailyMetricsSchema),
        ("/activities/range", window, "items", read_answers.RangeActivitySchema),
        ("/weekly-summary", window, "weeks", read_answers.WeekSchema),
        ("/hrv/trend", {"days": 30}, "items", read_answers.HrvTrendDaySchema),
        ("/training-load", window, "items", read_answers.TrainingLoadSchema),
    ]
    for path, query, key, schema in lists:
        response = client.get(f"{API}{path}", query_string=query, headers=demo)
        assert response.status_code == 200, response.get_data(as_text=True)
        rows = response.json["data"][key]
        assert rows, f"{path}: nothing to check"
        for row in rows:
            _check(schema, row, path)
    recomputed = client.post(
        f"{API}/training-load/recompute", query_string=window, headers=demo
    ).json["data"]["items"]
    assert recomputed
    for row in recomputed:
        _check(read_answers.TrainingLoadSchema, row, "/training-load/recompute")


def test_every_training_detail_answers_its_documented_keys(client, demo):
    plan_id = client.get(f"{API}/plans", headers=demo).json["data"]["items"][0]["plan_id"]
    plan = client.get(f"{API}/plans/{plan_id}", headers=demo).json["data"]
    _check(answers.TrainingPlanDetailSchema, plan, "/plans/{plan_id}")
    assert plan["workouts"]
    done = [w for w in plan["workouts"] if w["completed"]]
    assert done
    assert all(w["completed_activity_id"] for w in done)
    for workout in plan["workouts"]:
        _check(answers.PlannedWorkoutSchema, workout, "/plans/{plan_id} workouts")
    profile = client.get(f"{API}/profile", headers=demo).json["data"]
    _check(answers.AthleteProfileSchema, profile, "/profile")
    cached = client.get(f"{API}/cache/{'cd' * 32}", headers=demo).json["data"]
    _check(answers.CachedAnalysisSchema, cached, "/cache/{content_hash}")
    activity_id = plan["workouts"][0]["completed_activity_id"]
    samples = client.get(
        f"{API}/activity/{activity_id}/hr-samples", query_string={"downsample": 10}, headers=demo
    ).json["data"]
    _check(read_answers.HrSamplesSchema, samples, "/activity/{activity_id}/hr-samples")
    assert samples["count"] == 10
    for sample in samples["samples"]:
        _check(read_answers.HrSampleSchema, sample, "hr-samples samples")


def test_every_training_delete_answers_its_documented_keys(client, demo):
    plan = client.get(f"{API}/plans", headers=demo).json["data"]["items"][0]
    detail = client.get(f"{API}/plans/{plan['plan_id']}", headers=demo).json["data"]
    reading = client.get(f"{API}/hrv-readings", headers=demo).json["data"]["items"][0]
    day = client.get(f"{API}/readiness", headers=demo).json["data"]["items"][0]["calendar_date"]
    deletes = [
        (f"/workouts/{detail['workouts'][0]['workout_id']}", answers.DeletedWorkoutSchema),
        (f"/plans/{plan['plan_id']}", answers.DeletedPlanSchema),
        (f"/hrv-readings/{reading['reading_id']}", answers.DeletedHrvReadingSchema),
        (f"/readiness/{day}", answers.DeletedReadinessSchema),
        ("/profile", answers.DeletedProfileSchema),
    ]
    for path, schema in deletes:
        response = client.delete(f"{API}{path}", headers=demo)
        assert response.status_code == 200, response.get_data(as_text=True)
        _check(schema, response.json["data"], path)
        assert response.json["data"]["deleted"] is True
        assert client.delete(f"{API}{path}", headers=demo).status_code == 404


def test_the_key_check_catches_a_drift():
    with pytest.raises(AssertionError):
        _check(answers.DeletedPlanSchema, {"plan_id": 1, "deleted": True, "extra": 1}, "x")
    with pytest.raises(AssertionError):
        _check(answers.DeletedPlanSchema, {"plan_id": 1}, "x")
