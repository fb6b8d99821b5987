"""Athlete profile, training plans and planned workouts: CRUD, derived completion, ownership."""

from datetime import date

from tests.garmin_training_helpers import activity, call, ok, store_activities
from tests.helpers import assert_error

PROFILE = {
    "date_of_birth": "1990-05-17",
    "gender": "female",
    "height_cm": 168,
    "weight_kg": 61.5,
    "resting_heart_rate": 48,
    "max_heart_rate": 188,
    "heart_rate_zones": [{"zone": 1, "min_hr": 94, "max_hr": 113}],
    "training_preferences": {"preferred_days": ["mon", "wed", "sat"]},
    "garmin_user_id": "g-123",
    "timezone": "Europe/Warsaw",
}
PLAN = {
    "name": "Spring 10k",
    "goal": "Sub-50 10k",
    "startDate": "2024-03-01",
    "endDate": "2024-04-30",
}


def test_profile_put_get_replace_delete(client, alice, conn):
    assert_error(call(client, "GET", alice, "/profile"), 404)
    stored = ok(call(client, "PUT", alice, "/profile", json=PROFILE))
    assert stored["customer_id"] == alice.customer_id
    assert stored["units"] == "metric"
    assert stored["timezone"] == "Europe/Warsaw"
    assert stored["training_preferences"] == {"preferred_days": ["mon", "wed", "sat"]}
    read = ok(call(client, "GET", alice, "/profile"))
    assert read["max_heart_rate"] == 188
    assert read["heart_rate_zones"][0]["max_hr"] == 113
    replaced = ok(call(client, "PUT", alice, "/profile", json={"units": "imperial"}))
    assert replaced["units"] == "imperial"
    assert replaced["max_heart_rate"] is None
    assert ok(call(client, "DELETE", alice, "/profile"))["deleted"] is True
    assert_error(call(client, "DELETE", alice, "/profile"), 404)
    assert conn.execute("SELECT count(*) AS n FROM aiapp_nonprod.user_profile").fetchone()["n"] == 0


def test_profile_bad_input_and_another_users_garmin_id(client, alice, bob, conn):
    bad = call(client, "PUT", alice, "/profile", json={"max_heart_rate": 300, "gender": "x"})
    body = assert_error(bad, 400, "max_heart_rate")
    assert body["data"]["errors"]["gender"]
    inverted = {"resting_heart_rate": 120, "max_heart_rate": 110}
    assert_error(call(client, "PUT", alice, "/profile", json=inverted), 400, "resting_heart_rate")
    assert_error(call(client, "PUT", alice, "/profile", json={"oauth_token": "x"}), 400)
    assert conn.execute("SELECT count(*) AS n FROM aiapp_nonprod.user_profile").fetchone()["n"] == 0
    # Keys hold customer_id (issue 17): a Garmin id another user stored tells nobody that,
    # it is stored like any id, and each user reads only their own profile.
    ok(call(client, "PUT", alice, "/profile", json={"garmin_user_id": "same", "units": "metric"}))
    ok(call(client, "PUT", bob, "/profile", json={"garmin_user_id": "same", "units": "imperial"}))
    assert ok(call(client, "GET", alice, "/profile"))["units"] == "metric"
    assert ok(call(client, "GET", bob, "/profile"))["units"] == "imperial"


def test_profile_needs_a_token_and_admin_acts_for_a_user(client, admin, alice):
    assert_error(client.get("/api/v1/garmin/profile"), 401)
    stored = call(
        client, "PUT", admin, "/profile", json={**PROFILE, "customer_id": alice.customer_id}
    )
    assert ok(stored)["customer_id"] == alice.customer_id
    assert ok(call(client, "GET", alice, "/profile"))["garmin_user_id"] == "g-123"


def test_plan_lifecycle_with_derived_completion(client, alice, bob):
    plan = ok(call(client, "POST", alice, "/plans", json=PLAN), 201)
    assert plan["name"] == "Spring 10k"
    assert plan["is_active"] is True
    assert plan["completion_percent"] == 0
    plan_id = plan["plan_id"]
    workouts = [
        ok(
            call(
                client,
                "POST",
                alice,
                f"/plans/{plan_id}/workouts",
                json={
                    "workout_date": f"2024-03-0{n}",
                    "workout_type": "easy_run",
                    "target_hr_zone": 2,
                    "target_duration_minutes": 40,
                },
            ),
            201,
        )
        for n in range(1, 5)
    ]
    assert workouts[0]["completed"] is False
    assert workouts[0]["target_hr_zone"] == 2
    store_activities(
        client, alice, [activity(700, date(2024, 3, 1)), activity(701, date(2024, 3, 2))]
    )
    done = call(
        client,
        "POST",
        alice,
        f"/workouts/{workouts[0]['workout_id']}/complete",
        json={"activityId": 700},
    )
    assert ok(done) == {
        "workout_id": workouts[0]["workout_id"],
        "activity_id": 700,
        "completed": True,
        "was_completed": True,
    }
    again = call(
        client,
        "POST",
        alice,
        f"/workouts/{workouts[0]['workout_id']}/complete",
        json={"activity_id": 701},
    )
    assert_error(again, 409, "workout_id")
    detail = ok(call(client, "GET", alice, f"/plans/{plan_id}"))
    assert detail["workout_count"] == 4
    assert detail["completed_count"] == 1
    assert detail["completion_percent"] == 25
    assert detail["workouts"][0]["completed_activity_id"] == 700
    assert [w["completed"] for w in detail["workouts"]] == [True, False, False, False]
    listed = ok(call(client, "GET", alice, "/plans", query_string={"is_active": "true"}))
    assert listed["count"] == 1
    assert listed["items"][0]["completion_percent"] == 25
    assert ok(call(client, "GET", bob, "/plans"))["count"] == 0
    patched = ok(call(client, "PATCH", alice, f"/plans/{plan_id}", json={"is_active": False}))
    assert patched["is_active"] is False
    assert patched["name"] == "Spring 10k"
    assert ok(call(client, "GET", alice, "/plans", query_string={"isActive": "true"}))["count"] == 0
    # Deleting a workout unlinks the activity that completed it; the plan's share follows.
    ok(call(client, "DELETE", alice, f"/workouts/{workouts[0]['workout_id']}"))
    assert ok(call(client, "GET", alice, f"/plans/{plan_id}"))["completion_percent"] == 0
    ok(call(client, "DELETE", alice, f"/plans/{plan_id}"))
    assert_error(call(client, "GET", alice, f"/plans/{plan_id}"), 404)


def test_workout_update_and_ownership(client, alice, bob):
    plan_id = ok(call(client, "POST", alice, "/plans", json=PLAN), 201)["plan_id"]
    workout = ok(
        call(
            client,
            "POST",
            alice,
            f"/plans/{plan_id}/workouts",
            json={"workout_date": "2024-03-05", "workout_type": "tempo"},
        ),
        201,
    )
    path = f"/workouts/{workout['workout_id']}"
    updated = ok(
        call(
            client,
            "PATCH",
            alice,
            path,
            json={"athlete_feedback": "Felt strong", "intensity": "hard"},
        )
    )
    assert updated["athlete_feedback"] == "Felt strong"
    assert updated["workout_type"] == "tempo"
    assert_error(call(client, "PATCH", bob, path, json={"coach_notes": "x"}), 404)
    assert_error(call(client, "DELETE", bob, path), 404)
    assert_error(call(client, "PATCH", bob, f"/plans/{plan_id}", json={"name": "x"}), 404)
    assert_error(call(client, "DELETE", bob, f"/plans/{plan_id}"), 404)
    bobs = call(
        client,
        "POST",
        bob,
        f"/plans/{plan_id}/workouts",
        json={"workout_date": "2024-03-05", "workout_type": "tempo"},
    )
    assert_error(bobs, 404)
    store_activities(client, bob, [activity(900, date(2024, 3, 5))])
    assert_error(call(client, "POST", bob, f"{path}/complete", json={"activity_id": 900}), 404)
    assert_error(call(client, "POST", alice, f"{path}/complete", json={"activity_id": 900}), 404)


def test_plan_bad_input_writes_nothing(client, alice, conn):
    bad = call(client, "POST", alice, "/plans", json={**PLAN, "endDate": "2024-01-01"})
    assert_error(bad, 400, "end_date")
    assert_error(call(client, "POST", alice, "/plans", json={"goal": "x"}), 400, "name")
    plan_id = ok(call(client, "POST", alice, "/plans", json=PLAN), 201)["plan_id"]
    wrong = call(
        client,
        "POST",
        alice,
        f"/plans/{plan_id}/workouts",
        json={"workout_date": "2024-03-05", "workout_type": "nap", "target_hr_zone": 6},
    )
    body = assert_error(wrong, 400, "workout_type")
    assert body["data"]["errors"]["target_hr_zone"]
    assert (
        conn.execute("SELECT count(*) AS n FROM aiapp_nonprod.planned_workouts").fetchone()["n"]
        == 0
    )
    assert_error(
        call(
            client,
            "PATCH",
            alice,
            f"/plans/{plan_id}",
            json={"endDate": "2020-01-01", "startDate": "2021-01-01"},
        ),
        400,
        "end_date",
    )
    assert_error(client.post("/api/v1/garmin/plans", json=PLAN), 401)
