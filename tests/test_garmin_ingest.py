"""Garmin ingest through HTTP with normalized items: every dataset round-trips, re-sending is a
no-op, a partial payload keeps what it does not mention, a year of summaries is one request and
one statement, and garbage is refused per field with nothing written."""

from datetime import date, datetime, timedelta

import pytest
from marshmallow import fields

from app.garmin.datasets import DATASETS
from tests.helpers import assert_error, log_lines

API = "/api/v1/garmin"

# One realistic normalized item per dataset: (route, table, item).
SAMPLES = {
    "summary": (
        "summary",
        "user_summary",
        {
            "calendar_date": "2024-06-13",
            "total_kilocalories": 2621.0,
            "active_kilocalories": 734.0,
            "bmr_kilocalories": 1887.0,
            "total_steps": 11482,
            "total_distance_meters": 9387,
            "min_heart_rate": 47,
            "max_heart_rate": 168,
            "resting_heart_rate": 51,
            "last_seven_days_avg_resting_heart_rate": 52,
            "vigorous_intensity_minutes": 38,
            "moderate_intensity_minutes": 24,
            "average_stress_level": 27,
            "total_stress_duration": 66840,
            "high_stress_duration": 1620,
            "stress_qualifier": "BALANCED",
            "body_battery_highest_value": 88,
            "body_battery_lowest_value": 17,
            "avg_waking_respiration_value": 14.0,
        },
    ),
    "body_composition": (
        "body-composition",
        "body_composition",
        {
            "calendar_date": "2024-06-13",
            "weight": 80.1,
            "bmi": 24.6,
            "body_fat_percentage": 18.9,
            "body_water_percentage": 58.2,
            "bone_mass": 3.54,
            "muscle_mass": 36.18,
            "visceral_fat": 7,
            "basal_metabolic_rate": 1790,
        },
    ),
    "hrv": (
        "hrv",
        "hrv_data",
        {
            "calendar_date": "2024-06-13",
            "hrv_weekly_avg": 47,
            "hrv_last_night_avg": 44,
            "hrv_status": "BALANCED",
            "hrv_baseline_balanced_low": 41,
            "hrv_baseline_balanced_upper": 52,
        },
    ),
    "sleep": (
        "sleep",
        "sleep_data",
        {
            "calendar_date": "2024-06-13",
            "time_offset": "02:00",
            "sleep_start": "2024-06-12T21:02:00+00:00",
            "sleep_end": "2024-06-13T05:08:00+00:00",
            "sleep_time_seconds": 27360,
            "nap_time_seconds": 1800,
            "nap_data": [{"napTimeSec": 1800, "napStartGMT": "2024-06-13T12:10:00+00:00"}],
            "deep_sleep_seconds": 5460,
            "light_sleep_seconds": 14340,
            "rem_sleep_seconds": 7560,
            "awake_sleep_seconds": 1800,
            "sleep_overall_score_value": 83,
            "sleep_overall_score_qualifier": "GOOD",
            "sleep_rem_percentage_value": 28,
            "sleep_resting_heart_rate": 48,
            "sleep_body_battery_change": 58,
            "sleep_heart_rate_data": [{"startGMT": "2024-06-12T21:00:00+00:00", "value": 56}],
        },
    ),
    "training_readiness": (
        "training-readiness",
        "training_readiness",
        {
            "calendar_date": "2024-06-13",
            "training_readiness_level": "MODERATE",
            "training_readiness_score": 62,
            "sleep_score": 83,
            "recovery_time": 363,
            "acute_load": 435,
            "hrv_weekly_average": 47,
            "hrv_factor_feedback": "GOOD",
        },
    ),
    "training_endurance": (
        "endurance-score",
        "endurance_score",
        {
            "calendar_date": "2024-06-13",
            "endurance_score": 5730,
            "endurance_score_classification": 2,
            "endurance_score_classification_lower_limit_trained": 5800,
            "endurance_score_contributors": [{"activityTypeId": 1, "contribution": 78.04}],
        },
    ),
    "training_status": (
        "training-status",
        "training_status",
        {
            "calendar_date": "2024-06-13",
            "daily_training_load_acute": 435,
            "daily_training_load_acute_feedback": "OPTIMAL",
            "daily_training_load_chronic": 382.5,
            "vo2_max_precise_value": 48.6,
            "vo2_max_feedback": "PRODUCTIVE_1",
            "monthly_load_anaerobic": 132.5,
            "monthly_load_aerobic_low": 431.0,
        },
    ),
    "training_load_balance": (
        "training-load-balance",
        "training_status",
        {
            "calendar_date": "2024-06-13",
            "monthly_load_aerobic_high": 280.0,
            "monthly_load_aerobic_high_target_min": 244,
            "training_balance_feedback_phrase": "BALANCED",
        },
    ),
    "training_fitness_age": (
        "fitness-age",
        "fitness_age",
        {
            "calendar_date": "2024-06-13",
            "chronological_age": 41,
            "fitness_age": 36.2,
            "vigorous_days_avg_value": 2.6,
            "rhr_value": 51,
        },
    ),
    "activity": (
        "activities",
        "activities",
        {
            "activity_id": 15774991090,
            "calendar_date": "2024-06-13",
            "activity_type": "running",
            "activity_name": "Girona Running",
            "activity_start_time": "2024-06-13T06:01:54+00:00",
            "time_offset": "02:00",
            "activity_distance": 10234.56,
            "activity_duration": 3121.8,
            "activity_average_hr": 151,
            "activity_max_hr": 172,
            "activity_weather_temperature_on_start": 20.0,
            "activity_weather_relative_humidity_on_start": 63,
            "activity_secs_in_zone1": 61,
            "activity_secs_in_zone4": 1189,
        },
    ),
    "daily_health_events": (
        "daily-health-events",
        "daily_health_events",
        {
            "calendar_date": "2024-06-13",
            "last_meal_time": "2024-06-13T18:35:00+00:00",
            "last_screen_time": "2024-06-13T21:50:00+00:00",
        },
    ),
    "max_metrics": (
        "max-metrics",
        "max_metrics",
        {
            "calendar_date": "2024-06-10",
            "vo2_max_precise_value": 48.6,
            "vo2_max_value": 49,
        },
    ),
}


def ingest(client, account, route, items, **params):
    return client.post(
        f"{API}/{route}", json={"items": items}, query_string=params, headers=account.headers
    )


def stored_value(value):
    """Values as JSON gives them back: instants parsed, offsets as HH:MM:SS."""
    if isinstance(value, str) and "T" in value and value[:4].isdigit():
        return datetime.fromisoformat(value)
    if isinstance(value, str) and value.count(":") == 1:
        return value + ":00"
    return value


def assert_row_has(row, item):
    for key, value in item.items():
        assert stored_value(row[key]) == stored_value(value), key


@pytest.mark.parametrize("dataset", sorted(set(SAMPLES) - {"activity"}))
def test_each_daily_dataset_round_trips(client, alice, conn, dataset):
    route, table, item = SAMPLES[dataset]
    response = ingest(client, alice, route, [item])
    assert response.status_code == 200, response.json
    data = response.json["data"]
    assert (data["inserted"], data["updated"], data["unchanged"], data["count"]) == (1, 0, 0, 1)
    assert_row_has(data["items"][0], item)
    assert data["items"][0]["customer_id"] == alice.customer_id

    read = client.get(f"{API}/{route}", headers=alice.headers).json["data"]
    assert read["count"] == 1
    assert_row_has(read["items"][0], item)
    stored = conn.execute(
        f"SELECT count(*) AS n FROM aiapp_nonprod.{table} WHERE customer_id = %s",  # noqa: S608
        (alice.customer_id,),
    ).fetchone()
    assert stored["n"] == 1


def test_activity_with_gps_weather_and_zones_is_stored_in_one_request(client, alice, conn):
    _, _, item = SAMPLES["activity"]
    track = {"coordinates": [{"lat": 41.98, "lon": 2.82}, {"lat": 41.981, "lon": 2.821}]}
    response = ingest(client, alice, "activities", [{**item, "gps_data": track}])
    assert response.status_code == 200, response.json
    data = response.json["data"]
    assert (data["inserted"], data["count"], data["gps"]) == (1, 1, {"inserted": 1, "updated": 0})
    assert_row_has(data["items"][0], item)

    detail = client.get(f"{API}/activity/15774991090", headers=alice.headers).json["data"]
    assert detail["gps_data"] == track
    assert detail["activity_weather_relative_humidity_on_start"] == 63
    gps = conn.execute("SELECT calendar_date FROM aiapp_nonprod.activity_gps").fetchone()
    assert gps["calendar_date"] == date(2024, 6, 13)


def test_resending_the_same_payload_changes_nothing(client, alice, conn):
    route, _, item = SAMPLES["sleep"]
    ingest(client, alice, route, [item])
    before = conn.execute(
        "SELECT xmin::text AS version, updated_at FROM aiapp_nonprod.sleep_data"
    ).fetchone()

    again = ingest(client, alice, route, [item]).json["data"]
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 1)
    assert_row_has(again["items"][0], item)
    after = conn.execute(
        "SELECT xmin::text AS version, updated_at FROM aiapp_nonprod.sleep_data"
    ).fetchone()
    assert after == before  # no new row version, updated_at untouched


def test_partial_payload_keeps_the_fields_it_does_not_mention(client, alice, conn):
    route, _, item = SAMPLES["summary"]
    ingest(client, alice, route, [item])
    later = {"calendar_date": "2024-06-13", "total_steps": 12001, "resting_heart_rate": None}
    data = ingest(client, alice, route, [later]).json["data"]
    assert (data["inserted"], data["updated"]) == (0, 1)
    row = conn.execute("SELECT * FROM aiapp_nonprod.user_summary").fetchone()
    assert row["total_steps"] == 12001
    assert row["resting_heart_rate"] == 51  # null means "no value", never "clear it"
    assert row["stress_qualifier"] == "BALANCED"
    assert row["updated_at"] > row["created_at"]


def test_load_balance_and_status_share_one_row(client, alice):
    ingest(client, alice, "training-status", [SAMPLES["training_status"][2]])
    ingest(client, alice, "training-load-balance", [SAMPLES["training_load_balance"][2]])
    row = client.get(f"{API}/training-status", headers=alice.headers).json["data"]["items"][0]
    assert row["vo2_max_precise_value"] == 48.6
    assert row["monthly_load_aerobic_high"] == 280.0
    assert row["monthly_load_aerobic_low"] == 431.0


def test_a_year_of_summaries_is_one_request_and_one_statement(make_app, register, conn, capsys):
    client = make_app(fresh=True, DB_ECHO="true", LOG_LEVEL="INFO").test_client()
    account = register("year@example.com")
    first = date(2023, 1, 1)
    items = [
        {"calendar_date": (first + timedelta(days=n)).isoformat(), "total_steps": 5000 + n}
        for n in range(365)
    ]
    capsys.readouterr()

    response = ingest(client, account, "summary", items)

    assert response.status_code == 200, response.json
    data = response.json["data"]
    assert (data["inserted"], data["count"]) == (365, 365)
    assert data["items"][-1] == {
        **data["items"][-1],
        "calendar_date": "2023-12-31",
        "total_steps": 5364,
    }
    statements = [line["query"] for line in log_lines(capsys.readouterr().out) if "query" in line]
    assert [name for name in statements if name.startswith("garmin/")] == [
        "garmin/upsert_user_summary"
    ]
    stored = conn.execute(
        "SELECT count(*) AS n, sum(total_steps) AS steps FROM aiapp_nonprod.user_summary"
    ).fetchone()
    assert (stored["n"], stored["steps"]) == (365, sum(5000 + n for n in range(365)))


def count_rows(conn, table):
    return conn.execute(f"SELECT count(*) AS n FROM aiapp_nonprod.{table}").fetchone()["n"]  # noqa: S608


@pytest.mark.parametrize(
    ("route", "item", "field"),
    [
        (
            "summary",
            {"calendar_date": "2024-06-13", "resting_heart_rate": 900},
            "resting_heart_rate",
        ),
        ("summary", {"calendar_date": "20025-06-13"}, "calendar_date"),
        ("summary", {"calendar_date": "1890-06-13"}, "calendar_date"),
        ("summary", {"calendar_date": "2024-06-13", "total_steps": "many"}, "total_steps"),
        ("summary", {"calendar_date": "2024-06-13", "total_steps": -5}, "total_steps"),
        ("summary", {"calendar_date": "2024-06-13", "steps_per_hour": 5}, "steps_per_hour"),
        ("summary", {"total_steps": 5}, "calendar_date"),
        (
            "sleep",
            {"calendar_date": "2024-06-13", "sleep_overall_score_value": 101},
            "sleep_overall_score_value",
        ),
        ("sleep", {"calendar_date": "2024-06-13", "time_offset": "25:00"}, "time_offset"),
        (
            "sleep",
            {
                "calendar_date": "2024-06-13",
                "sleep_start": "2024-06-13T05:00:00Z",
                "sleep_end": "2024-06-12T21:00:00Z",
            },
            "sleep_end",
        ),
        ("body-composition", {"calendar_date": "2024-06-13", "weight": 80100}, "weight"),
        (
            "body-composition",
            {"calendar_date": "2024-06-13", "body_fat_percentage": 120},
            "body_fat_percentage",
        ),
        (
            "activities",
            {"calendar_date": "2024-06-13", "activity_id": 1, "activity_max_hr": 900},
            "activity_max_hr",
        ),
        ("activities", {"calendar_date": "2024-06-13"}, "activity_id"),
        (
            "activities",
            {"calendar_date": "2024-06-13", "activity_id": 3, "gps_data": 7},
            "gps_data",
        ),
        ("activity-gps", {"activity_id": 3, "gps_data": "41.98,2.82"}, "gps_data"),
        ("activity-gps", {"activity_id": 3}, "gps_data"),
    ],
)
def test_garbage_is_400_per_field_and_writes_nothing(client, alice, conn, route, item, field):
    good = {
        "activities": {"calendar_date": "2024-06-10", "activity_id": 2},
        "activity-gps": {"activity_id": 2, "gps_data": {"coordinates": []}},
    }.get(route, {"calendar_date": "2024-06-10"})
    response = ingest(client, alice, route, [good, item])
    body = assert_error(response, 400)
    assert body["data"]["errors"]["items"]["1"][field], body
    assert list(body["data"]["errors"]["items"]) == ["1"]  # the good item passed
    for table in ("user_summary", "sleep_data", "body_composition", "activities", "activity_gps"):
        assert count_rows(conn, table) == 0


def test_the_same_day_twice_in_one_batch_is_400(client, alice, conn):
    items = [{"calendar_date": "2024-06-13", "total_steps": 1}, {"calendar_date": "2024-06-13"}]
    body = assert_error(ingest(client, alice, "summary", items), 400)
    assert body["data"]["errors"]["items"]["1"]["calendar_date"]
    assert count_rows(conn, "user_summary") == 0


@pytest.mark.parametrize(
    ("body", "params", "field"),
    [
        ({"items": []}, {}, "items"),
        ({"items": [{"calendar_date": "2024-06-13"}] * 1001}, {}, "items"),
        ({"day": "2024-06-13"}, {}, "items"),
        ({"items": [{"calendar_date": "2024-06-13"}]}, {"format": "csv"}, "format"),
        ([{"calendar_date": "2024-06-13"}], {}, "_schema"),
    ],
)
def test_malformed_bodies_are_400(client, alice, conn, body, params, field):
    response = client.post(f"{API}/summary", json=body, query_string=params, headers=alice.headers)
    assert_error(response, 400, field)
    assert count_rows(conn, "user_summary") == 0


def test_a_body_that_is_not_json_is_400(client, alice):
    response = client.post(
        f"{API}/summary", data="steps=5", content_type="application/json", headers=alice.headers
    )
    assert_error(response, 400, "body")


def test_check_constraints_back_the_validation(conn, alice):
    """Even a writer that skips the API cannot store a heart rate of 900 or the year 20025."""
    with pytest.raises(Exception, match="user_summary_resting_heart_rate_check"):
        conn.execute(
            "INSERT INTO aiapp.user_summary (customer_id, calendar_date, resting_heart_rate)"
            " VALUES (%s, '2024-06-13', 900)",
            (alice.customer_id,),
        )
    with pytest.raises(Exception, match="sleep_data_calendar_date_check"):
        conn.execute(
            "INSERT INTO aiapp_nonprod.sleep_data (customer_id, calendar_date)"
            " VALUES (%s, '20025-06-13')",
            (alice.customer_id,),
        )


def test_gps_for_an_activity_not_stored_is_404_and_writes_nothing(client, alice, conn):
    _, _, item = SAMPLES["activity"]
    ingest(client, alice, "activities", [item])
    tracks = [
        {"activity_id": 15774991090, "gps_data": {"coordinates": [{"lat": 1, "lon": 2}]}},
        {"activity_id": 999, "gps_data": {"coordinates": []}},
    ]
    body = assert_error(ingest(client, alice, "activity-gps", tracks), 404, "activity_id")
    assert "999" in body["data"]["errors"]["activity_id"][0]
    assert count_rows(conn, "activity_gps") == 0


def test_gps_tracks_are_replaced_and_counted(client, alice):
    _, _, item = SAMPLES["activity"]
    ingest(client, alice, "activities", [item])
    first = {"activity_id": 15774991090, "gps_data": {"coordinates": [{"lat": 1, "lon": 2}]}}
    data = ingest(client, alice, "activity-gps", [first]).json["data"]
    assert (data["inserted"], data["items"][0]["points"], data["missing"]) == (1, 1, [])
    assert ingest(client, alice, "activity-gps", [first]).json["data"]["unchanged"] == 1
    longer = {"activity_id": 15774991090, "gps_data": {"coordinates": [{"lat": 1, "lon": 2}] * 3}}
    data = ingest(client, alice, "activity-gps", [longer]).json["data"]
    assert (data["updated"], data["items"][0]["points"]) == (1, 3)
    read = client.get(
        f"{API}/activity-gps", query_string={"activity_id": 15774991090}, headers=alice.headers
    )
    assert read.json["data"]["items"][0]["gps_data"] == longer["gps_data"]
    assert read.json["data"]["items"][0]["activity_name"] == "Girona Running"


def test_item_schemas_agree_with_their_tables(conn):
    """Every item field is a column of its dataset's table, of a matching type, in both schemas."""
    kinds = {
        fields.Integer: {"integer", "bigint"},
        fields.Float: {"numeric"},
        fields.Date: {"date"},
        fields.AwareDateTime: {"timestamp with time zone"},
        fields.String: {"text", "interval"},
        fields.List: {"jsonb"},
        fields.Raw: {"jsonb"},
    }
    for schema in ("aiapp", "aiapp_nonprod"):
        for dataset in DATASETS:
            rows = conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_schema = %s AND table_name = %s",
                (schema, dataset.table),
            ).fetchall()
            columns = {row["column_name"]: row["data_type"] for row in rows}
            for name, field in dataset.item_schema().fields.items():
                if dataset.key == "activity" and name == "gps_data":
                    continue  # stored in activity_gps by the same statement
                assert columns.get(name) in kinds[type(field)], (schema, dataset.key, name)
