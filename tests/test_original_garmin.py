"""The original's Garmin clients, replayed: POST /activities with a bare activity object or a
list (customer_id in the query), its GarminDataQuery on every dataset GET and on the overview,
status and the activity detail routes."""

from __future__ import annotations

import pytest

from app.garmin.datasets import DATASETS
from tests.helpers import assert_error

API = "/api/v1/garmin"

# An ActivityRequest as the sync worker sent it: camelCase and snake_case keys, enrichment
# objects the original folded into columns, and keys it ignored.
ACTIVITY = {
    "activity_id": 15774991090,
    "startTimeLocal": "2024-06-13 07:02:11",
    "activityType": {"typeKey": "running", "typeId": 1},
    "activityName": "Girona Running",
    "locationName": {"name": "Girona"},
    "activity_distance": 10234.5,
    "activity_duration": 3120.0,
    "activityAvgStrideLength": 1.12,
    "activity_average_hr": 148,
    "zones": [{"zoneNumber": 2, "secsInZone": 1200.0}, {"zoneNumber": 3, "secsInZone": 900.0}],
    "weather": {"temp": 68, "relativeHumidity": 60, "windSpeed": 5},
    "summaryDTO": {"calendarDate": "2024-06-13", "elevationGain": 80.0},
    "ownerId": 12345,
    "someFutureGarminKey": {"nested": True},
}


def post_activities(client, account, body):
    return client.post(
        f"{API}/activities",
        json=body,
        query_string={"customer_id": account.customer_id},
        headers=account.headers,
    )


def stored(conn, customer_id):
    return conn.execute(
        "SELECT activity_id, calendar_date::text AS day, activity_type, activity_location_name,"
        " activity_avg_stride_length::float8 AS stride, activity_secs_in_zone2,"
        " activity_secs_in_zone3, activity_weather_temperature_on_start"
        " FROM aiapp_nonprod.activities WHERE customer_id = %s ORDER BY activity_id",
        (customer_id,),
    ).fetchall()


def test_post_activities_takes_one_bare_activity(client, alice, conn):
    response = post_activities(client, alice, ACTIVITY)
    assert response.status_code == 200, response.json
    [row] = stored(conn, alice.customer_id)
    assert row == {
        "activity_id": 15774991090,
        "day": "2024-06-13",
        "activity_type": "running",
        # The original ignored locationName too: its field was activity_location_name.
        "activity_location_name": None,
        "stride": 1.12,
        "activity_secs_in_zone2": 1200.0,
        "activity_secs_in_zone3": 900.0,
        "activity_weather_temperature_on_start": 20.0,
    }


def test_post_activities_takes_a_list_and_is_idempotent(client, alice, conn):
    second = {"activity_id": 2, "calendarDate": "2024-06-14", "activity_distance": 5000.0}
    for _ in range(2):
        response = post_activities(client, alice, [ACTIVITY, second])
        assert response.status_code == 200, response.json
    assert [row["activity_id"] for row in stored(conn, alice.customer_id)] == [2, 15774991090]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([], "body"),
        ({"activity_id": 3}, "items"),
        ({"activity_id": "x", "calendarDate": "2024-06-13"}, "items"),
        ([ACTIVITY, ACTIVITY], "items"),
    ],
)
def test_bad_original_activities_are_400_and_write_nothing(client, alice, conn, body, field):
    assert_error(post_activities(client, alice, body), 400, field)
    assert stored(conn, alice.customer_id) == []


# GarminDataQuery, every field, on every dataset route.
QUERY = {
    "startDate": "2024-06-01",
    "end_date": "2024-06-30",
    "target_date": "2024-06-30",
    "sort_type": "desc",
    "limit": 10,
    "offset": 0,
    "mode": "standard",
    "ignore_null_vo2max": "false",
    "ignore_null_training_load_data": "false",
    "activityName": "Girona Running",
    "data_source": "database",
    "save_to_db": "false",
}


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda d: d.path)
def test_every_dataset_get_takes_the_originals_query(client, alice, dataset):
    assert post_activities(client, alice, ACTIVITY).status_code == 200
    params = {**QUERY, "customer_id": alice.customer_id, "activity_id": 15774991090}
    if dataset.key == "activity_gps":
        params["source"] = "garmin"
        params.pop("data_source")
    response = client.get(f"{API}/{dataset.path}", query_string=params, headers=alice.headers)
    assert response.status_code == 200, (dataset.path, response.json)
    if dataset.key == "activity":
        assert [item["activity_id"] for item in response.json["data"]["items"]] == [15774991090]


def test_the_original_activity_gps_error_when_activity_id_is_missing(client, alice):
    response = client.get(f"{API}/activity-gps", headers=alice.headers)
    assert_error(response, 400, "activity_id")


def test_analysis_overview_with_the_originals_query(client, alice):
    post_activities(client, alice, ACTIVITY)
    response = client.get(
        f"{API}/analysis/overview",
        query_string={
            **QUERY,
            "customer_id": alice.customer_id,
            "include_optimized": "true",
            "datasets": ["activity", "sleep"],
        },
        headers=alice.headers,
    )
    assert response.status_code == 200, response.json
    assert response.json["meta"]["datasets"] == ["activity", "sleep"]


def test_status(client, alice):
    response = client.get(f"{API}/status", headers=alice.headers)
    assert response.status_code == 200, response.json
    assert response.json["data"]["datasets"]["activity"]["path"] == f"{API}/activities"


@pytest.mark.parametrize("suffix", ["", "/weather", "/hr-zones"])
def test_activity_detail_weather_and_hr_zones(client, alice, bob, suffix):
    post_activities(client, alice, ACTIVITY)
    response = client.get(f"{API}/activity/15774991090{suffix}", headers=alice.headers)
    assert response.status_code == 200, response.json
    assert response.json["data"]["activity_id"] == 15774991090
    assert_error(client.get(f"{API}/activity/15774991090{suffix}", headers=bob.headers), 404)
