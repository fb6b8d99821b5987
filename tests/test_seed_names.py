"""The seeds' own field names (seeds 002-004): each is accepted on input and lands in the column
this service stores it in; answers carry the seed's name beside today's where documented."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from marshmallow import ValidationError, fields

from app.schemas import SEED_NAMES, ActingSchema, seed_names
from tests.clinical_helpers import API as CLINICAL
from tests.clinical_helpers import create_patient
from tests.garmin_training_helpers import activity, call, ok, store_activities
from tests.habits_helpers import API as HABITS
from tests.helpers import TEST_PASSWORD, assert_error


class _Sample(ActingSchema):
    end_date = fields.Date(required=True, metadata=seed_names("target_date", seed="002"))


# --- the shared helper -----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["target_date", "targetDate", "end_date", "endDate"])
def test_the_seed_name_and_todays_name_load_alike(key):
    assert _Sample().load({key: "2024-05-01"}) == {"end_date": date(2024, 5, 1)}


def test_both_names_at_once_are_refused():
    with pytest.raises(ValidationError) as refused:
        _Sample().load({"target_date": "2024-05-01", "end_date": "2024-05-02"})
    assert refused.value.messages == {
        "target_date": ["Send end_date or target_date, not both: they are the same field."]
    }


@pytest.mark.parametrize("key", ["target_date", "targetDate", "end_date"])
def test_an_error_is_reported_under_the_name_sent(key):
    with pytest.raises(ValidationError) as refused:
        _Sample().load({key: "not a date"})
    assert refused.value.messages == {key: ["Not a valid date."]}


def test_the_openapi_document_lists_the_seed_names(client):
    spec = client.get("/api/v1/openapi.json").json
    schemas = spec["components"]["schemas"]
    habit_type = schemas["HabitCreate"]["properties"]["habit_type"]
    assert habit_type[SEED_NAMES] == ["type"]
    assert "Seed 003 calls it type" in habit_type["description"]
    assert schemas["Plan"]["properties"]["end_date"][SEED_NAMES] == ["target_date"]
    assert schemas["Register"]["properties"]["display_name"][SEED_NAMES] == ["full_name"]
    documented = {
        (name, field, tuple(prop[SEED_NAMES]))
        for name, schema in schemas.items()
        for field, prop in schema.get("properties", {}).items()
        if SEED_NAMES in prop
    }
    assert {names for _, _, names in documented} >= {
        ("type",),
        ("unit",),
        ("target_date",),
        ("readiness_date",),
        ("sync_status",),
        ("garmin_activity_id",),
        ("full_name",),
        ("configuration",),
        ("sleep_date",),
        ("sleep_start_time",),
        ("sleep_stages_data",),
        ("activity_date",),
    }


# --- seed 003: habits and the user -----------------------------------------------------------


def test_a_habit_as_seed_003_creates_it(client, alice, conn):
    # Habit(name="Walk 10k steps", type=HabitType.numeric, target_value=10000, unit="steps")
    made = client.post(
        f"{HABITS}/habits",
        headers=alice.headers,
        json={"name": "Walk 10k steps", "type": "numeric", "target_value": 10000, "unit": "steps"},
    )
    assert made.status_code == 201, made.json
    habit = made.json["data"]
    stored = conn.execute(
        "SELECT habit_type, target_value, target_unit FROM habits.habits WHERE habit_id = %s",
        (habit["habit_id"],),
    ).fetchone()
    assert stored == {"habit_type": "numeric", "target_value": 10000, "target_unit": "steps"}
    assert (habit["habit_type"], habit["type"]) == ("numeric", "numeric")
    assert (habit["target_unit"], habit["unit"]) == ("steps", "steps")
    read = client.get(f"{HABITS}/habits/{habit['habit_id']}", headers=alice.headers).json["data"]
    assert (read["type"], read["unit"]) == ("numeric", "steps")
    listed = client.get(f"{HABITS}/habits", headers=alice.headers).json["data"]
    assert [(h["type"], h["unit"]) for h in listed] == [("numeric", "steps")]

    changed = client.patch(
        f"{HABITS}/habits/{habit['habit_id']}",
        headers=alice.headers,
        json={"type": "duration", "unit": "minutes", "target_value": 30},
    )
    assert changed.status_code == 200, changed.json
    assert conn.execute(
        "SELECT habit_type, target_unit FROM habits.habits WHERE habit_id = %s",
        (habit["habit_id"],),
    ).fetchone() == {"habit_type": "duration", "target_unit": "minutes"}
    deleted = client.delete(f"{HABITS}/habits/{habit['habit_id']}", headers=alice.headers)
    assert deleted.json["data"]["type"] == "duration"
    restored = client.post(f"{HABITS}/habits/{habit['habit_id']}/restore", headers=alice.headers)
    assert restored.json["data"]["unit"] == "minutes"


def test_a_habit_with_both_names_is_refused_and_not_stored(client, alice, conn):
    sent = {"name": "Walk", "type": "numeric", "habit_type": "boolean"}
    body = assert_error(client.post(f"{HABITS}/habits", headers=alice.headers, json=sent), 400)
    assert "habit_type" in body["data"]["errors"]["type"][0]
    bad_value = {"name": "Walk", "type": "sometimes"}
    # The error is reported under the name the client sent.
    body = assert_error(
        client.post(f"{HABITS}/habits", headers=alice.headers, json=bad_value), 400, "type"
    )
    assert set(body["data"]["errors"]) == {"type"}
    assert conn.execute("SELECT count(*) AS n FROM habits.habits").fetchone()["n"] == 0


def test_a_user_as_seed_003_registers_and_changes_notifications(client, conn):
    made = client.post(
        "/api/v1/auth/register",
        json={
            "email": "candy@example.com",
            "password": TEST_PASSWORD,
            "full_name": "Candy Hernández",
            "notification_enabled": False,
        },
    )
    assert made.status_code == 201, made.json
    user = made.json["data"]
    assert (user["display_name"], user["full_name"]) == ("Candy Hernández", "Candy Hernández")
    assert user["notification_enabled"] is False
    assert conn.execute(
        "SELECT display_name, notification_enabled FROM aiapp.users WHERE customer_id = %s",
        (user["customer_id"],),
    ).fetchone() == {"display_name": "Candy Hernández", "notification_enabled": False}

    login = client.post(
        "/api/v1/auth/login", json={"email": "candy@example.com", "password": TEST_PASSWORD}
    ).json["data"]
    assert login["user"]["full_name"] == "Candy Hernández"
    assert login["user"]["notification_enabled"] is False
    headers = {"Authorization": f"Bearer {login['token']}"}
    # user.notification_enabled = False ... and back; full_name renames.
    changed = client.patch(
        "/api/v1/auth/me",
        headers=headers,
        json={"notificationEnabled": True, "fullName": "Candy H."},
    )
    assert changed.status_code == 200, changed.json
    me = client.get("/api/v1/auth/me", headers=headers).json["data"]
    assert (me["full_name"], me["display_name"], me["notification_enabled"]) == (
        "Candy H.",
        "Candy H.",
        True,
    )
    # Not sending it keeps it.
    client.patch("/api/v1/auth/me", headers=headers, json={"language": "pl"})
    assert conn.execute(
        "SELECT display_name, notification_enabled FROM aiapp.users WHERE customer_id = %s",
        (user["customer_id"],),
    ).fetchone() == {"display_name": "Candy H.", "notification_enabled": True}


def test_new_users_want_notifications_and_bad_values_are_refused(client, alice, conn):
    assert (
        client.get("/api/v1/auth/me", headers=alice.headers).json["data"]["notification_enabled"]
        is True
    )
    bad = {"notification_enabled": "sometimes"}
    assert_error(
        client.patch("/api/v1/auth/me", headers=alice.headers, json=bad),
        400,
        "notification_enabled",
    )
    both = {"full_name": "A", "display_name": "B"}
    assert_error(client.patch("/api/v1/auth/me", headers=alice.headers, json=both), 400)
    assert conn.execute(
        "SELECT display_name, notification_enabled FROM aiapp.users WHERE customer_id = %s",
        (alice.customer_id,),
    ).fetchone() == {"display_name": None, "notification_enabled": True}


# --- seed 002: the training system -----------------------------------------------------------


def test_a_plan_with_target_date(client, alice, conn):
    plan = ok(
        call(
            client,
            "POST",
            alice,
            "/plans",
            json={"name": "Marathon", "start_date": "2024-03-01", "target_date": "2024-06-01"},
        ),
        201,
    )
    assert (plan["end_date"], plan["target_date"]) == ("2024-06-01", "2024-06-01")
    changed = ok(
        call(client, "PATCH", alice, f"/plans/{plan['plan_id']}", json={"targetDate": "2024-07-01"})
    )
    assert changed["target_date"] == "2024-07-01"
    assert conn.execute(
        "SELECT end_date FROM aiapp_nonprod.training_plans WHERE plan_id = %s", (plan["plan_id"],)
    ).fetchone() == {"end_date": date(2024, 7, 1)}
    listed = ok(call(client, "GET", alice, "/plans"))["items"]
    assert [p["target_date"] for p in listed] == ["2024-07-01"]
    detail = ok(call(client, "GET", alice, f"/plans/{plan['plan_id']}"))
    assert detail["target_date"] == "2024-07-01"
    # A target before the start is refused under either name.
    early = {"name": "X", "start_date": "2024-03-01", "target_date": "2024-02-01"}
    body = assert_error(call(client, "POST", alice, "/plans", json=early), 400, "target_date")
    assert "end_date" not in body["data"]["errors"]


def test_a_workout_with_its_structure_completed_by_garmin_activity_id(client, alice, conn):
    plan = ok(
        call(
            client,
            "POST",
            alice,
            "/plans",
            json={"name": "P", "start_date": "2024-03-01", "end_date": "2024-03-31"},
        ),
        201,
    )
    steps = [{"step": "warmup", "minutes": 10}, {"step": "interval", "repeat": 5}]
    workout = ok(
        call(
            client,
            "POST",
            alice,
            f"/plans/{plan['plan_id']}/workouts",
            json={
                "workout_date": "2024-03-02",
                "workout_type": "intervals",
                "workout_structure": steps,
            },
        ),
        201,
    )
    assert workout["workout_structure"] == steps
    assert (workout["training_plan_id"], workout["was_completed"]) == (plan["plan_id"], False)
    wid = workout["workout_id"]
    patched = ok(
        call(
            client,
            "PATCH",
            alice,
            f"/workouts/{wid}",
            json={
                "workout_structure": {"steps": 3},
                "target_pace_seconds_per_km": 300,
                "target_power_watts": 250,
                "ai_reasoning": "Build speed.",
            },
        )
    )
    assert patched["workout_structure"] == {"steps": 3}
    assert patched["was_completed"] is False
    stored = conn.execute(
        "SELECT workout_structure, target_pace_seconds_per_km, target_power_watts, ai_reasoning"
        " FROM aiapp_nonprod.planned_workouts WHERE workout_id = %s",
        (wid,),
    ).fetchone()
    assert stored == {
        "workout_structure": {"steps": 3},
        "target_pace_seconds_per_km": 300,
        "target_power_watts": 250,
        "ai_reasoning": "Build speed.",
    }
    assert_error(
        call(client, "PATCH", alice, f"/workouts/{wid}", json={"workout_structure": "fast"}),
        400,
        "workout_structure",
    )

    store_activities(client, alice, [activity(900, date(2024, 3, 2))])
    done = ok(
        call(client, "POST", alice, f"/workouts/{wid}/complete", json={"garmin_activity_id": 900})
    )
    assert done["was_completed"] is True
    assert conn.execute(
        "SELECT planned_workout_id FROM aiapp_nonprod.activities WHERE activity_id = 900"
    ).fetchone() == {"planned_workout_id": wid}
    detail = ok(call(client, "GET", alice, f"/plans/{plan['plan_id']}"))
    assert [(w["was_completed"], w["training_plan_id"]) for w in detail["workouts"]] == [
        (True, plan["plan_id"])
    ]
    again = ok(call(client, "PATCH", alice, f"/workouts/{wid}", json={"coach_notes": "Good"}))
    assert (again["completed"], again["was_completed"]) == (True, True)


def test_readiness_by_readiness_date(client, alice, conn):
    verdict = {"readiness_date": "2024-05-01", "readiness_score": 71, "recommendation": "easy"}
    stored = ok(call(client, "PUT", alice, "/readiness", json=verdict))
    assert (stored["calendar_date"], stored["readiness_date"]) == ("2024-05-01", "2024-05-01")
    assert conn.execute(
        "SELECT calendar_date, readiness_score FROM aiapp_nonprod.daily_readiness"
        " WHERE customer_id = %s",
        (alice.customer_id,),
    ).fetchone() == {"calendar_date": date(2024, 5, 1), "readiness_score": 71}
    listed = ok(call(client, "GET", alice, "/readiness"))["items"]
    assert [row["readiness_date"] for row in listed] == ["2024-05-01"]


def test_sync_history_by_sync_status(client, alice, conn):
    started = ok(call(client, "POST", alice, "/sync-history", json={"sync_type": "manual"}), 201)
    assert started["sync_status"] == started["status"] == "running"
    assert started["sync_started_at"] == started["started_at"]
    sid = started["sync_id"]
    finished = ok(
        call(client, "PATCH", alice, f"/sync-history/{sid}", json={"sync_status": "partial"})
    )
    assert finished["sync_status"] == "partial"
    assert finished["sync_completed_at"] == finished["completed_at"] is not None
    assert conn.execute(
        "SELECT status FROM aiapp_nonprod.sync_history WHERE sync_id = %s", (sid,)
    ).fetchone() == {"status": "partial"}
    listed = ok(call(client, "GET", alice, "/sync-history"))["items"]
    assert [(row["sync_status"], row["sync_type"]) for row in listed] == [("partial", "manual")]


def test_hrv_metrics_in_the_seeds_capitals(client, alice, conn):
    reading = {
        "reading_time": "2024-05-02T06:00:00Z",
        "reading_type": "morning",
        "SDNN": 61.5,
        "RMSSD": 48.25,
        "PNN50": 22,
    }
    stored = ok(call(client, "POST", alice, "/hrv-readings", json=reading), 201)
    assert (stored["sdnn"], stored["rmssd"], stored["pnn50"]) == (61.5, 48.25, 22)
    assert conn.execute(
        "SELECT sdnn, rmssd, pnn50 FROM aiapp_nonprod.hrv_readings WHERE reading_id = %s",
        (stored["reading_id"],),
    ).fetchone() == {"sdnn": 61.5, "rmssd": 48.25, "pnn50": 22}


def test_training_load_and_daily_metrics_answer_with_the_seeds_dates(client, alice):
    store_activities(client, alice, [activity(910, date(2024, 5, 1), load=80)])
    window = {"start_date": "2024-05-01", "end_date": "2024-05-02"}
    ok(call(client, "POST", alice, "/training-load/recompute", query_string=window))
    rows = ok(call(client, "GET", alice, "/training-load", query_string=window))["items"]
    assert [(r["calendar_date"], r["tracking_date"]) for r in rows] == [
        ("2024-05-01", "2024-05-01"),
        ("2024-05-02", "2024-05-02"),
    ]
    sleep = {"sleep_date": "2024-05-01", "sleep_time_seconds": 25200}
    ok(call(client, "POST", alice, "/sleep", json={"items": [sleep]}))
    metrics = ok(call(client, "GET", alice, "/daily-metrics", query_string={"date": "2024-05-01"}))
    assert [(m["calendar_date"], m["date"]) for m in metrics["items"]] == [
        ("2024-05-01", "2024-05-01")
    ]


def test_sleep_and_activities_ingested_under_the_seeds_names(client, alice, conn):
    sleep = {
        "sleep_date": "2024-05-03",
        "sleep_start_time": "2024-05-02T22:30:00Z",
        "sleep_stages_data": [{"stage": "deep", "seconds": 3600}],
    }
    ok(call(client, "POST", alice, "/sleep", json={"items": [sleep]}))
    assert conn.execute(
        "SELECT calendar_date, sleep_start, sleep_levels_data FROM aiapp_nonprod.sleep_data"
        " WHERE customer_id = %s",
        (alice.customer_id,),
    ).fetchone() == {
        "calendar_date": date(2024, 5, 3),
        "sleep_start": datetime(2024, 5, 2, 22, 30, tzinfo=UTC),
        "sleep_levels_data": [{"stage": "deep", "seconds": 3600}],
    }
    run = {"garmin_activity_id": 920, "activity_date": "2024-05-03", "activity_type": "running"}
    ok(call(client, "POST", alice, "/activities", json={"items": [run]}))
    assert conn.execute(
        "SELECT calendar_date, activity_type FROM aiapp_nonprod.activities WHERE activity_id = 920"
    ).fetchone() == {"calendar_date": date(2024, 5, 3), "activity_type": "running"}


# --- seed 004: clinical ----------------------------------------------------------------------


def test_a_twin_configuration(client, alice, conn):
    patient = create_patient(client, alice)
    url = f"{CLINICAL}/patients/{patient['patient_id']}/twins"
    made = client.post(
        url,
        headers=alice.headers,
        json={"type": "psychiatric", "name": "Mood", "configuration": {"model": "v1"}},
    )
    assert made.status_code == 201, made.json
    twin = made.json["data"]
    assert twin["data"] == {"model": "v1"}
    changed = client.patch(
        f"{url}/{twin['twin_id']}", headers=alice.headers, json={"configuration": {"model": "v2"}}
    )
    assert changed.status_code == 200, changed.json
    assert conn.execute(
        "SELECT data, version FROM clinical.digital_twins WHERE twin_id = %s", (twin["twin_id"],)
    ).fetchone() == {"data": {"model": "v2"}, "version": 2}


def test_the_ufc_register_alias_takes_the_seed_names_too(client, conn):
    response = client.post(
        "/api/v1/ufc/auth/register",
        json={
            "email": "eve@example.com",
            "password": TEST_PASSWORD,
            "fullName": "Eve",
            "notification_enabled": False,
        },
    )
    assert response.status_code == 200, response.json  # the original's UFC sign-up answers 200
    assert conn.execute(
        "SELECT display_name, notification_enabled FROM aiapp.users WHERE email = 'eve@example.com'"
    ).fetchone() == {"display_name": "Eve", "notification_enabled": False}
