"""Reading Garmin data: date windows, sort and paging, the correlation shift of next-day
datasets, the original's filters, one activity's routes, the analysis overview, the status."""

from datetime import date, timedelta

import pytest

from tests.helpers import assert_error

API = "/api/v1/garmin"


def ingest(client, account, route, items):
    response = client.post(f"{API}/{route}", json={"items": items}, headers=account.headers)
    assert response.status_code == 200, response.json
    return response.json["data"]


def read(client, account, route, **params):
    response = client.get(f"{API}/{route}", query_string=params, headers=account.headers)
    assert response.status_code == 200, response.json
    return response.json


def days(route_items):
    return [row["calendar_date"] for row in route_items["data"]["items"]]


@pytest.fixture
def ten_days(client, alice):
    """Summaries for 2024-06-01 .. 2024-06-10, steps 1000 x day of month."""
    first = date(2024, 6, 1)
    items = [
        {"calendar_date": (first + timedelta(n)).isoformat(), "total_steps": 1000 * (n + 1)}
        for n in range(10)
    ]
    ingest(client, alice, "summary", items)


def test_date_window_is_inclusive(client, alice, ten_days):
    body = read(client, alice, "summary", start_date="2024-06-03", end_date="2024-06-05")
    assert days(body) == ["2024-06-03", "2024-06-04", "2024-06-05"]
    assert body["data"]["count"] == 3
    assert body["meta"]["dataset"] == "summary"
    assert body["meta"]["query"]["start_date"] == "2024-06-03"


def test_camel_case_window_and_open_ends(client, alice, ten_days):
    assert days(read(client, alice, "summary", startDate="2024-06-09")) == [
        "2024-06-09",
        "2024-06-10",
    ]
    assert days(read(client, alice, "summary", endDate="2024-06-02")) == [
        "2024-06-01",
        "2024-06-02",
    ]
    assert len(days(read(client, alice, "summary"))) == 10


def test_sort_and_paging(client, alice, ten_days):
    assert days(read(client, alice, "summary", sort="desc", limit=3)) == [
        "2024-06-10",
        "2024-06-09",
        "2024-06-08",
    ]
    assert days(read(client, alice, "summary", sort_type="desc", limit=2, offset=3)) == [
        "2024-06-07",
        "2024-06-06",
    ]
    assert days(read(client, alice, "summary", limit=2, offset=8)) == ["2024-06-09", "2024-06-10"]
    assert days(read(client, alice, "summary", offset=20)) == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"offset": -1}, "offset"),
        ({"sort": "sideways"}, "sort"),
        ({"mode": "psychic"}, "mode"),
        ({"start_date": "2024-06-05", "end_date": "2024-06-01"}, "end_date"),
        ({"start_date": "13/06/2024"}, "start_date"),
        ({"start_date": "20025-06-13"}, "start_date"),
    ],
)
def test_bad_query_strings_are_400(client, alice, params, field):
    response = client.get(f"{API}/summary", query_string=params, headers=alice.headers)
    assert_error(response, 400, field)


SLEEP_NIGHT = {"calendar_date": "2024-06-13", "sleep_time_seconds": 27360}
HRV_NIGHT = {"calendar_date": "2024-06-13", "hrv_last_night_avg": 44}


@pytest.mark.parametrize(("route", "item"), [("sleep", SLEEP_NIGHT), ("hrv", HRV_NIGHT)])
def test_correlation_mode_files_a_night_under_the_day_it_follows(client, alice, route, item):
    ingest(client, alice, route, [item])
    evening = {"start_date": "2024-06-12", "end_date": "2024-06-12"}
    assert days(read(client, alice, route, **evening)) == []
    assert days(read(client, alice, route, mode="correlation", **evening)) == ["2024-06-12"]
    assert days(read(client, alice, route, mode="correlation")) == ["2024-06-12"]
    assert days(read(client, alice, route, start_date="2024-06-13")) == ["2024-06-13"]


def test_correlation_mode_leaves_same_day_datasets_alone(client, alice, ten_days):
    body = read(client, alice, "summary", mode="correlation", start_date="2024-06-10")
    assert days(body) == ["2024-06-10"]


def test_training_status_filters(client, alice):
    ingest(
        client,
        alice,
        "training-status",
        [
            {"calendar_date": "2024-06-11", "daily_training_load_acute": 300},
            {"calendar_date": "2024-06-12", "vo2_max_precise_value": 48.6},
            {"calendar_date": "2024-06-13", "monthly_load_anaerobic": 132.5},
        ],
    )
    assert len(days(read(client, alice, "training-status"))) == 3
    assert days(read(client, alice, "training-status", ignore_null_vo2max="true")) == ["2024-06-12"]
    assert days(read(client, alice, "training-status", ignore_null_training_load_data="true")) == [
        "2024-06-13"
    ]
    load_balance = read(client, alice, "training-load-balance")["data"]["items"]
    assert [row["calendar_date"] for row in load_balance] == ["2024-06-13"]
    assert load_balance[0]["monthly_load_anaerobic"] == 132.5
    assert "vo2_max_precise_value" not in load_balance[0]


def test_max_metrics_target_date_is_the_value_in_force_that_day(client, alice):
    ingest(
        client,
        alice,
        "max-metrics",
        [
            {"calendar_date": "2024-06-01", "vo2_max_precise_value": 47.9},
            {"calendar_date": "2024-06-08", "vo2_max_precise_value": 48.6},
            {"calendar_date": "2024-06-20", "vo2_max_precise_value": 49.1},
        ],
    )
    [row] = read(client, alice, "max-metrics", target_date="2024-06-15")["data"]["items"]
    assert (row["calendar_date"], row["vo2_max_precise_value"]) == ("2024-06-08", 48.6)
    assert days(read(client, alice, "max-metrics", target_date="2024-05-31")) == []
    assert len(days(read(client, alice, "max-metrics"))) == 3


def activity(activity_id, day, start, **fields):
    return {
        "activity_id": activity_id,
        "calendar_date": day,
        "activity_start_time": start,
        **fields,
    }


@pytest.fixture
def activities(client, alice):
    ingest(
        client,
        alice,
        "activities",
        [
            activity(3, "2024-06-13", "2024-06-13T17:00:00Z", activity_type="cycling"),
            activity(1, "2024-06-12", "2024-06-12T06:00:00Z", activity_type="running"),
            activity(
                2,
                "2024-06-13",
                "2024-06-13T06:00:00Z",
                activity_type="running",
                activity_distance=10000,
                activity_secs_in_zone2=600,
                activity_secs_in_zone3=1800,
                activity_weather_temperature_on_start=20.5,
                activity_weather_wind_direction_on_start="nw",
                gps_data={"coordinates": [{"lat": 41.98, "lon": 2.82}]},
            ),
        ],
    )


def test_activities_order_by_day_then_start(client, alice, activities):
    ids = [row["activity_id"] for row in read(client, alice, "activities")["data"]["items"]]
    assert ids == [1, 2, 3]
    ids = [
        row["activity_id"]
        for row in read(client, alice, "activities", sort="desc")["data"]["items"]
    ]
    assert ids == [3, 2, 1]
    [row] = read(client, alice, "activities", activity_id=2)["data"]["items"]
    assert row["activity_distance"] == 10000
    assert "gps_data" not in row


def test_activity_gps_needs_an_activity_id(client, alice, activities):
    assert_error(client.get(f"{API}/activity-gps", headers=alice.headers), 400, "activity_id")
    [row] = read(client, alice, "activity-gps", activity_id=2)["data"]["items"]
    assert row["gps_data"] == {"coordinates": [{"lat": 41.98, "lon": 2.82}]}
    assert read(client, alice, "activity-gps", activity_id=1)["data"]["count"] == 0


def test_one_activity_its_weather_and_its_zones(client, alice, activities):
    detail = client.get(f"{API}/activity/2", headers=alice.headers).json["data"]
    assert (detail["activity_id"], detail["activity_type"]) == (2, "running")
    assert detail["gps_data"]["coordinates"][0]["lat"] == 41.98
    assert client.get(f"{API}/activity/1", headers=alice.headers).json["data"]["gps_data"] is None

    weather = client.get(f"{API}/activity/2/weather", headers=alice.headers).json["data"]
    assert weather["activity_weather_temperature_on_start"] == 20.5
    assert weather["activity_weather_wind_direction_on_start"] == "nw"

    zones = client.get(f"{API}/activity/2/hr-zones", headers=alice.headers).json["data"]
    assert zones["total_seconds"] == 2400
    assert [(z["zone_number"], z["secs_in_zone"], z["percentage"]) for z in zones["zones"]] == [
        (1, None, None),
        (2, 600, 25.0),
        (3, 1800, 75.0),
        (4, None, None),
        (5, None, None),
    ]


@pytest.mark.parametrize(
    "path", ["/activity/404", "/activity/404/weather", "/activity/404/hr-zones"]
)
def test_an_unknown_activity_is_404(client, alice, path):
    assert_error(client.get(f"{API}{path}", headers=alice.headers), 404)


@pytest.fixture
def two_days(client, alice, activities):
    ingest(
        client,
        alice,
        "summary",
        [
            {"calendar_date": "2024-06-12", "average_stress_level": 31, "total_steps": 9000},
            {"calendar_date": "2024-06-13", "average_stress_level": 27, "total_steps": 11482},
        ],
    )
    ingest(client, alice, "sleep", [{**SLEEP_NIGHT, "sleep_overall_score_value": 83}])
    ingest(client, alice, "hrv", [HRV_NIGHT])
    ingest(client, alice, "body-composition", [{"calendar_date": "2024-06-13", "weight": 80.1}])
    ingest(
        client,
        alice,
        "training-readiness",
        [{"calendar_date": "2024-06-13", "training_readiness_score": 62}],
    )
    ingest(client, alice, "fitness-age", [{"calendar_date": "2024-06-13", "fitness_age": 36.2}])


def test_overview_holds_the_default_datasets(client, alice, two_days):
    body = read(client, alice, "analysis/overview", start_date="2024-06-12", end_date="2024-06-13")
    datasets = body["data"]["datasets"]
    assert set(datasets) == {
        "summary",
        "body_composition",
        "sleep",
        "hrv",
        "training_readiness",
        "training_endurance",
        "training_status",
        "activity",
    }
    assert [row["calendar_date"] for row in datasets["summary"]] == ["2024-06-12", "2024-06-13"]
    assert [row["activity_id"] for row in datasets["activity"]] == [1, 2, 3]
    assert datasets["training_endurance"] == []
    assert body["meta"]["datasets"][0] == "summary"


def test_overview_per_day_view_merges_every_dataset(client, alice, two_days):
    body = read(client, alice, "analysis/overview", start_date="2024-06-12", end_date="2024-06-13")
    by_day = {day["date"]: day for day in body["data"]["optimized"]}
    assert list(by_day) == ["2024-06-12", "2024-06-13"]
    june13 = by_day["2024-06-13"]
    assert june13["sleep"] == {"sleep_time_seconds": 27360, "sleep_overall_score_value": 83}
    assert june13["health"] == {
        "average_stress_level": 27,
        "weight": 80.1,
        "hrv_last_night_avg": 44,
    }
    training = june13["training"]
    assert training["training_readiness_score"] == 62
    assert training["activity_type"] == ["running", "cycling"]
    assert training["activity_distance"] == 10000
    assert (training["activity_secs_in_zone2"], training["activity_secs_in_zone3"]) == (600, 1800)
    assert by_day["2024-06-12"]["training"]["activity_type"] == ["running"]
    assert "sleep" not in by_day["2024-06-12"]


def test_overview_correlation_mode_moves_the_night_to_the_evening_before(client, alice, two_days):
    body = read(
        client,
        alice,
        "analysis/overview",
        start_date="2024-06-12",
        end_date="2024-06-12",
        mode="correlation",
        datasets="sleep,summary",
    )
    assert set(body["data"]["datasets"]) == {"sleep", "summary"}
    [night] = body["data"]["datasets"]["sleep"]
    assert night["calendar_date"] == "2024-06-12"
    [day] = body["data"]["optimized"]
    assert day["date"] == "2024-06-12"
    assert day["sleep"]["sleep_time_seconds"] == 27360
    assert day["health"] == {"average_stress_level": 31}


def test_overview_datasets_repeated_and_without_the_per_day_view(client, alice, two_days):
    response = client.get(
        f"{API}/analysis/overview?datasets=training_fitness_age&datasets=max_metrics"
        "&include_optimized=false",
        headers=alice.headers,
    )
    data = response.json["data"]
    assert data == {
        "datasets": {
            "training_fitness_age": data["datasets"]["training_fitness_age"],
            "max_metrics": [],
        }
    }
    assert data["datasets"]["training_fitness_age"][0]["fitness_age"] == 36.2


def test_overview_refuses_an_unknown_dataset(client, alice):
    response = client.get(f"{API}/analysis/overview?datasets=sleep,naps", headers=alice.headers)
    body = assert_error(response, 400, "datasets")
    assert "naps" in body["data"]["errors"]["datasets"][0]


def test_status_counts_each_dataset_and_names_the_schema(client, alice, two_days):
    data = read(client, alice, "status")["data"]
    assert (data["schema"], data["environment"]) == ("aiapp_nonprod", "test")
    assert data["datasets"]["summary"] == {
        "path": "/api/v1/garmin/summary",
        "table": "user_summary",
        "next_day": False,
        "rows": 2,
        "first_date": "2024-06-12",
        "last_date": "2024-06-13",
    }
    assert data["datasets"]["sleep"]["next_day"] is True
    assert data["datasets"]["activity"]["rows"] == 3
    assert data["datasets"]["activity_gps"]["rows"] == 1
    assert data["datasets"]["max_metrics"] == {
        **data["datasets"]["max_metrics"],
        "rows": 0,
        "first_date": None,
    }
    assert len(data["datasets"]) == 13
