"""Whose Garmin data, and where: a token is required, users see only their own rows, an admin
acts for a user with customer_id, and production data (aiapp) and non-production data
(aiapp_nonprod) never see each other."""

import pytest

from tests.helpers import assert_error

API = "/api/v1/garmin"
SUMMARY = {"calendar_date": "2024-06-13", "total_steps": 11482, "resting_heart_rate": 51}
RUN = {"activity_id": 15774991090, "calendar_date": "2024-06-13", "activity_distance": 10234.5}
TRACK = {"coordinates": [{"lat": 41.98, "lon": 2.82}]}


def ingest(client, account, route, items, **params):
    return client.post(f"{API}/{route}", json={"items": items, **params}, headers=account.headers)


def rows(client, account, route, **params):
    response = client.get(f"{API}/{route}", query_string=params, headers=account.headers)
    assert response.status_code == 200, response.json
    return response.json["data"]["items"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/summary"),
        ("POST", "/summary"),
        ("GET", "/status"),
        ("GET", "/analysis/overview"),
        ("GET", "/activity/1"),
        ("GET", "/activity/1/hr-zones"),
    ],
)
def test_every_route_needs_a_token(client, conn, method, path):
    response = client.open(f"{API}{path}", method=method, json={"items": [SUMMARY]})
    assert_error(response, 401)
    assert conn.execute("SELECT count(*) AS n FROM aiapp_nonprod.user_summary").fetchone()["n"] == 0


@pytest.fixture
def alices_data(client, alice):
    assert ingest(client, alice, "summary", [SUMMARY]).status_code == 200
    assert ingest(client, alice, "activities", [{**RUN, "gps_data": TRACK}]).status_code == 200


def test_another_user_sees_none_of_it(client, bob, alices_data):
    assert rows(client, bob, "summary") == []
    assert rows(client, bob, "activities") == []
    assert rows(client, bob, "activity-gps", activity_id=15774991090) == []
    status = client.get(f"{API}/status", headers=bob.headers).json["data"]["datasets"]
    assert status["summary"]["rows"] == status["activity"]["rows"] == 0
    overview = client.get(f"{API}/analysis/overview", headers=bob.headers).json["data"]
    assert overview["datasets"]["summary"] == overview["optimized"] == []


@pytest.mark.parametrize("suffix", ["", "/weather", "/hr-zones"])
def test_another_user_s_activity_is_404(client, bob, alices_data, suffix):
    assert_error(client.get(f"{API}/activity/15774991090{suffix}", headers=bob.headers), 404)


def test_the_same_day_is_a_separate_row_per_user(client, alice, bob, alices_data, conn):
    data = ingest(client, bob, "summary", [{**SUMMARY, "total_steps": 42}]).json["data"]
    assert data["inserted"] == 1
    assert rows(client, alice, "summary")[0]["total_steps"] == 11482
    assert rows(client, bob, "summary")[0]["total_steps"] == 42


def test_an_activity_id_another_user_stored_is_answered_like_a_fresh_one(
    client, alice, bob, alices_data, conn
):
    """Issue 13 point 4: activities are keyed by (customer_id, activity_id), so Bob storing
    the id Alice has is simply Bob's row, answered as a never-seen id is; neither sees the
    other's row, track or heart-rate samples."""
    fresh = ingest(client, bob, "activities", [{"activity_id": 77, "calendar_date": "2024-06-13"}])
    theirs = {**RUN, "activity_distance": 1.0, "gps_data": {"coordinates": []}}
    same_id = ingest(client, bob, "activities", [theirs])
    assert fresh.status_code == same_id.status_code == 200
    answers = [r.json["data"] for r in (fresh, same_id)]
    assert [(a["inserted"], a["updated"], a["unchanged"]) for a in answers] == [(1, 0, 0)] * 2
    assert [a["items"][0]["customer_id"] for a in answers] == [bob.customer_id] * 2
    assert fresh.json["message"] == same_id.json["message"]

    samples = {"timestamps": ["2024-06-13T07:00:00Z", "2024-06-13T07:00:01Z"]}
    for account, rates in ((alice, [120, 121]), (bob, [90, 91])):
        response = client.post(
            f"{API}/activity/15774991090/hr-samples",
            json={**samples, "heart_rates": rates},
            headers=account.headers,
        )
        assert response.json["data"]["written"] == 2, response.json
    for account, distance, track, rates in (
        (alice, 10234.5, TRACK, [120, 121]),
        (bob, 1.0, {"coordinates": []}, [90, 91]),
    ):
        [run] = [
            r for r in rows(client, account, "activities") if r["activity_id"] == RUN["activity_id"]
        ]
        assert (run["customer_id"], run["activity_distance"]) == (account.customer_id, distance)
        [gps] = rows(client, account, "activity-gps", activity_id=15774991090)
        assert gps["gps_data"] == track
        read = client.get(f"{API}/activity/15774991090/hr-samples", headers=account.headers)
        assert [s["heart_rate"] for s in read.json["data"]["samples"]] == rates
    stored = conn.execute(
        "SELECT customer_id, count(*) AS n FROM aiapp_nonprod.heart_rate_samples"
        " WHERE activity_id = %s GROUP BY customer_id ORDER BY customer_id",
        (RUN["activity_id"],),
    ).fetchall()
    assert [(r["customer_id"], r["n"]) for r in stored] == [
        (alice.customer_id, 2),
        (bob.customer_id, 2),
    ]


def test_a_track_for_another_user_s_activity_is_404(client, alice, bob, alices_data):
    track = {"activity_id": 15774991090, "gps_data": {"coordinates": []}}
    assert_error(ingest(client, bob, "activity-gps", [track]), 404, "activity_id")
    assert rows(client, alice, "activity-gps", activity_id=15774991090)[0]["gps_data"] == TRACK


def test_admin_writes_and_reads_for_a_user(client, admin, alice, conn):
    response = ingest(client, admin, "summary", [SUMMARY], customer_id=alice.customer_id)
    assert response.status_code == 200, response.json
    assert response.json["meta"]["customer_id"] == alice.customer_id
    owner = conn.execute("SELECT customer_id FROM aiapp_nonprod.user_summary").fetchone()
    assert owner["customer_id"] == alice.customer_id
    assert rows(client, alice, "summary")[0]["total_steps"] == 11482
    assert rows(client, admin, "summary", customer_id=alice.customer_id)[0]["total_steps"] == 11482
    assert rows(client, admin, "summary") == []  # without customer_id the admin acts for itself


def test_admin_posts_a_raw_payload_for_a_user(client, admin, alice):
    raw = {"calendarDate": "2024-06-13", "totalSteps": 11482, "restingHeartRate": 51}
    response = client.post(
        f"{API}/summary",
        json=raw,
        query_string={"format": "garminconnect", "customer_id": alice.customer_id},
        headers=admin.headers,
    )
    assert response.status_code == 200, response.json
    assert rows(client, alice, "summary")[0]["resting_heart_rate"] == 51


def test_a_user_token_cannot_act_for_someone_else(client, alice, bob, conn):
    assert_error(ingest(client, bob, "summary", [SUMMARY], customer_id=alice.customer_id), 403)
    response = client.get(
        f"{API}/summary", query_string={"customer_id": alice.customer_id}, headers=bob.headers
    )
    assert_error(response, 403)
    assert conn.execute("SELECT count(*) AS n FROM aiapp_nonprod.user_summary").fetchone()["n"] == 0


def test_admin_acting_for_an_unknown_user_is_404(client, admin):
    assert_error(ingest(client, admin, "summary", [SUMMARY], customer_id=999_999), 404)


def test_production_and_non_production_data_are_apart(client, make_app, alice, conn):
    production = make_app(APP_ENV="production").test_client()
    assert ingest(client, alice, "summary", [SUMMARY]).status_code == 200
    assert rows(production, alice, "summary") == []
    prod_day = {"calendar_date": "2024-06-14", "total_steps": 7}
    assert ingest(production, alice, "summary", [prod_day]).status_code == 200

    assert [r["calendar_date"] for r in rows(client, alice, "summary")] == ["2024-06-13"]
    assert [r["calendar_date"] for r in rows(production, alice, "summary")] == ["2024-06-14"]
    stored = {
        schema: conn.execute(
            f"SELECT array_agg(calendar_date::text) AS days FROM {schema}.user_summary"  # noqa: S608
        ).fetchone()["days"]
        for schema in ("aiapp", "aiapp_nonprod")
    }
    assert stored == {"aiapp": ["2024-06-14"], "aiapp_nonprod": ["2024-06-13"]}
    status = production.get(f"{API}/status", headers=alice.headers).json["data"]
    assert (status["schema"], status["environment"]) == ("aiapp", "production")


def test_deleting_a_user_deletes_their_garmin_data(client, alice, alices_data, conn):
    conn.execute("DELETE FROM aiapp.users WHERE customer_id = %s", (alice.customer_id,))
    for table in ("user_summary", "activities", "activity_gps"):
        count = conn.execute(f"SELECT count(*) AS n FROM aiapp_nonprod.{table}").fetchone()  # noqa: S608
        assert count["n"] == 0, table
