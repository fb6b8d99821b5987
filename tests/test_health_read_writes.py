"""Non-GET routes that answer with stored health data are audited like a GET (issue s3,
point 3): the training-load recompute, the blood legacy read, the .FIT upload (an `unchanged`
file answers its earlier import) and every PATCH of a health domain (it answers the whole
row). Every other non-GET route of those domains answers what it was sent, and is listed here
with that reason: a new route must be put on one side or the other."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.auth.access import HEALTH_DATABASES
from tests.clinical_helpers import create_patient
from tests.garmin_training_helpers import activity, call, ok, store_activities
from tests.test_garmin_fit_decoding import encoded
from tests.test_health_reads import reads

# The non-GET routes of the health domains whose answer is what the request sent (and the
# ids or counts the write made), or only an id: writes, not reads.
ECHOES = {
    ("POST", "/api/v1/blood/tests"),
    ("DELETE", "/api/v1/blood/tests/<int:test_id>"),
    # The catalogue is shared reference data, no one's health data (admin upkeep).
    ("POST", "/api/v1/blood/definitions"),
    ("PATCH", "/api/v1/blood/definitions/<int:definition_id>"),
    ("DELETE", "/api/v1/blood/definitions/<int:definition_id>"),
    ("POST", "/api/v1/blood/definitions/<int:definition_id>/promote"),
    ("POST", "/api/v1/clinical/patients"),
    ("DELETE", "/api/v1/clinical/patients/<uuid:patient_id>"),
    ("POST", "/api/v1/clinical/patients/<uuid:patient_id>/twins"),
    ("DELETE", "/api/v1/clinical/patients/<uuid:patient_id>/twins/<uuid:twin_id>"),
    ("POST", "/api/v1/clinical/patients/<uuid:patient_id>/twins/<uuid:twin_id>/interactions"),
    ("POST", "/api/v1/clinical/patients/<uuid:patient_id>/biometrics"),
    ("PUT", "/api/v1/clinical/patients/<uuid:patient_id>/biometrics/<int:biometric_id>"),
    ("DELETE", "/api/v1/clinical/patients/<uuid:patient_id>/biometrics/<int:biometric_id>"),
    ("POST", "/api/v1/clinical/patients/<uuid:patient_id>/alerts"),
    ("POST", "/api/v1/garmin/activity/<int:activity_id>/hr-samples"),
    ("PUT", "/api/v1/garmin/profile"),
    ("DELETE", "/api/v1/garmin/profile"),
    ("POST", "/api/v1/garmin/plans"),
    ("DELETE", "/api/v1/garmin/plans/<int:plan_id>"),
    ("POST", "/api/v1/garmin/plans/<int:plan_id>/workouts"),
    ("DELETE", "/api/v1/garmin/workouts/<int:workout_id>"),
    ("POST", "/api/v1/garmin/workouts/<int:workout_id>/complete"),
    ("PUT", "/api/v1/garmin/readiness"),
    ("DELETE", "/api/v1/garmin/readiness/<calendar_date>"),
    ("POST", "/api/v1/garmin/hrv-readings"),
    ("DELETE", "/api/v1/garmin/hrv-readings/<int:reading_id>"),
    ("PUT", "/api/v1/garmin/cache"),
    ("POST", "/api/v1/garmin/sync-history"),
}
# The ones recorded, as the commit that marked them lists them.
AUDITED = {
    ("POST", "/api/v1/garmin/training-load/recompute"),
    ("POST", "/api/v1/garmin/fit"),
    ("PATCH", "/api/v1/garmin/plans/<int:plan_id>"),
    ("PATCH", "/api/v1/garmin/workouts/<int:workout_id>"),
    ("PATCH", "/api/v1/garmin/sync-history/<int:sync_id>"),
    ("POST", "/api/v1/blood/legacy"),
    ("PATCH", "/api/v1/blood/tests/<int:test_id>"),
    ("PATCH", "/api/v1/clinical/patients/<uuid:patient_id>"),
    ("PATCH", "/api/v1/clinical/patients/<uuid:patient_id>/twins/<uuid:twin_id>"),
    ("PATCH", "/api/v1/clinical/patients/<uuid:patient_id>/alerts/<uuid:alert_id>"),
}


def non_get_routes(app) -> dict[tuple[str, str], bool]:
    """Every non-GET route of a health domain, and whether its view is marked as a read."""
    found: dict[tuple[str, str], bool] = {}
    for rule in app.url_map.iter_rules():
        blueprint = app.blueprints.get(rule.endpoint.rpartition(".")[0])
        if getattr(blueprint, "database", None) not in HEALTH_DATABASES:
            continue
        view = app.view_functions[rule.endpoint]
        for method in sorted((rule.methods or set()) - {"GET", "HEAD", "OPTIONS"}):
            found[(method, rule.rule)] = getattr(view, "answers_health_data", False)
    return found


def test_every_non_get_health_route_is_classified(app):
    routes = non_get_routes(app)
    garmin_ingest = {key for key in routes if key[0] == "POST" and key not in AUDITED | ECHOES}
    # The Garmin datasets' ingest routes (one per dataset) answer counts of what was sent.
    assert all(key[1].startswith("/api/v1/garmin/") for key in garmin_ingest)
    assert len(garmin_ingest) >= 10
    assert {key for key, marked in routes.items() if marked} == AUDITED
    unmarked = {key for key, marked in routes.items() if not marked}
    assert unmarked == ECHOES | garmin_ingest


def test_the_recompute_is_recorded_in_the_requests_transaction(client, conn, alice):
    store_activities(client, alice, [activity(91, date(2026, 11, 2), 80)])
    # The token check touches the token at most once a minute: make this request touch it.
    conn.execute(
        "UPDATE aiapp.auth_tokens SET last_used_at = NULL WHERE customer_id = %s",
        (alice.customer_id,),
    )
    answer = client.post(
        "/api/v1/garmin/training-load/recompute",
        query_string={"start_date": "2026-11-01", "end_date": "2026-11-03"},
        headers={**alice.headers, "X-Request-ID": "recompute-1"},
    )
    assert [day["calendar_date"] for day in ok(answer)["items"]][:1] == ["2026-11-01"]
    rows = reads(conn, alice.customer_id)
    assert [(r["dataset"], r["route"], r["request_id"]) for r in rows] == [
        ("garmin", "/api/v1/garmin/training-load/recompute", "recompute-1")
    ]
    # One transaction with the token check's touch: no transaction (or round trip) of its own.
    audit_xmin = conn.execute("SELECT xmin::text AS x FROM aiapp.health_reads").fetchone()["x"]
    token_xmin = conn.execute(
        "SELECT xmin::text AS x FROM aiapp.auth_tokens WHERE customer_id = %s",
        (alice.customer_id,),
    ).fetchone()["x"]
    assert audit_xmin == token_xmin


def test_a_refused_recompute_is_no_read(client, conn, alice):
    refused = call(
        client, "POST", alice, "/training-load/recompute", query_string={"start_date": "x"}
    )
    assert refused.status_code == 400
    assert reads(conn, alice.customer_id) == []


def test_the_blood_legacy_read_and_a_patch_are_recorded_a_create_is_not(client, conn, alice):
    legacy = client.post(
        "/api/v1/blood/legacy", headers=alice.headers, json={"action": "get_all_blood_tests"}
    )
    assert legacy.status_code == 200, legacy.get_data(as_text=True)
    patient = create_patient(client, alice)
    changed = client.patch(
        f"/api/v1/clinical/patients/{patient['patient_id']}",
        headers=alice.headers,
        json={"phone": None},
    )
    assert changed.status_code == 200, changed.json
    assert [(r["dataset"], r["route"]) for r in reads(conn, alice.customer_id)] == [
        ("blood", "/api/v1/blood/legacy"),
        ("clinical", "/api/v1/clinical/patients/<uuid:patient_id>"),
    ]


@pytest.mark.parametrize("times", [1, 2])
def test_a_fit_upload_is_recorded_each_time(client, conn, alice, times):
    start = datetime.now(UTC) - timedelta(hours=2)
    records = [{"timestamp": start + timedelta(seconds=n), "heart_rate": 120} for n in range(3)]
    data = encoded(records)
    for _ in range(times):
        sent = call(
            client, "POST", alice, "/fit", data=data, content_type="application/vnd.ant.fit"
        )
        assert sent.status_code == 200, sent.json
    assert [r["route"] for r in reads(conn, alice.customer_id)] == ["/api/v1/garmin/fit"] * times
