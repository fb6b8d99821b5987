"""Biometric readings through HTTP: each type's value shape (in the API and in the database),
the type/time-window query and its pages, corrections, another clinician's readings."""

import json
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from tests.clinical_helpers import API, count, create_patient
from tests.helpers import assert_error

# Per type: values that fit, and values that do not (with why). The API and the database's
# CHECK must agree on every one of them.
GOOD_VALUES = [
    ("heart_rate", {"bpm": 72}),
    ("heart_rate", {"bpm": 20}),
    ("blood_pressure", {"systolic": 120, "diastolic": 80}),
    ("blood_glucose", {"mg_dl": 95.5}),
    ("weight", {"kg": 70.2}),
    ("temperature", {"celsius": 36.6}),
    ("sleep", {"minutes": 420}),
    ("sleep", {"minutes": 420, "quality": 7}),
    ("activity", {"steps": 8000, "active_minutes": 45}),
    ("stress", {"level": 0}),
    ("mood", {"score": 10}),
    ("oxygen_saturation", {"percent": 97}),
]
BAD_VALUES = [
    ("heart_rate", {"bpm": 19}, "below range"),
    ("heart_rate", {"bpm": 261}, "above range"),
    ("heart_rate", {"bpm": "72"}, "a string"),
    ("heart_rate", {"bpm": True}, "a boolean"),
    ("heart_rate", {}, "missing key"),
    ("heart_rate", {"bpm": 72, "spo2": 98}, "extra key"),
    ("heart_rate", {"percent": 72}, "another type's key"),
    ("blood_pressure", {"systolic": 80, "diastolic": 120}, "systolic below diastolic"),
    ("blood_pressure", {"systolic": 90, "diastolic": 90}, "systolic equal to diastolic"),
    ("blood_pressure", {"systolic": 120.5, "diastolic": 80}, "not whole"),
    ("blood_pressure", {"systolic": 120}, "missing diastolic"),
    ("blood_glucose", {"mg_dl": 5}, "below range"),
    ("weight", {"kg": 0}, "below range"),
    ("weight", {"lb": 150}, "wrong unit"),
    ("temperature", {"celsius": 98.6}, "fahrenheit"),
    ("sleep", {"minutes": 1441}, "more than a day"),
    ("sleep", {"minutes": 420, "quality": 0}, "quality below range"),
    ("activity", {"steps": -1}, "negative"),
    ("activity", {"steps": 100, "active_minutes": 1500}, "active minutes above range"),
    ("stress", {"level": 101}, "above range"),
    ("mood", {"score": 7.5}, "not whole"),
    ("mood", {"score": 0}, "below range"),
    ("oxygen_saturation", {"percent": 101}, "above range"),
    ("oxygen_saturation", {"percent": 49}, "below range"),
]


@pytest.fixture
def patient(client, alice):
    return create_patient(client, alice)


@pytest.fixture
def patient_url(patient):
    return f"{API}/patients/{patient['patient_id']}"


def reading(kind="heart_rate", value=None, at="2024-05-01T08:00:00Z", **extra):
    value = {"bpm": 72} if value is None else value
    return {"type": kind, "recorded_at": at, "value": value, **extra}


def record(client, account, patient_url, **fields):
    response = client.post(
        f"{patient_url}/biometrics", headers=account.headers, json=reading(**fields)
    )
    assert response.status_code == 201, response.json
    return response.json["data"]


def insert_directly(conn, patient_id, kind, value):
    conn.execute(
        "INSERT INTO clinical.biometrics (customer_id, patient_id, type, recorded_at, value)"
        " SELECT customer_id, patient_id, %s, now(), %s::jsonb FROM clinical.patients"
        " WHERE patient_id = %s",
        (kind, json.dumps(value), patient_id),
    )


@pytest.mark.parametrize(("kind", "value"), GOOD_VALUES)
def test_each_types_value_is_stored_as_sent(client, alice, patient_url, kind, value):
    stored = record(
        client,
        alice,
        patient_url,
        kind=kind,
        value=value,
        device_id="watch-7",
        metadata={"firmware": "2.1"},
    )
    assert (stored["type"], stored["value"]) == (kind, value)
    assert (stored["device_id"], stored["metadata"]) == ("watch-7", {"firmware": "2.1"})
    assert stored["recorded_at"] == "2024-05-01T08:00:00+00:00"


@pytest.mark.parametrize(("kind", "value", "why"), BAD_VALUES)
def test_a_value_that_does_not_fit_its_type_is_400(
    client, alice, patient_url, conn, kind, value, why
):
    response = client.post(
        f"{patient_url}/biometrics", headers=alice.headers, json=reading(kind, value)
    )
    assert_error(response, 400, "value")
    assert count(conn, "biometrics") == 0, why


@pytest.mark.parametrize(("kind", "value"), GOOD_VALUES)
def test_the_database_accepts_what_the_api_accepts(conn, patient, kind, value):
    insert_directly(conn, patient["patient_id"], kind, value)
    assert count(conn, "biometrics") == 1


@pytest.mark.parametrize(("kind", "value", "why"), BAD_VALUES)
def test_the_database_refuses_what_the_api_refuses(conn, patient, kind, value, why):
    with pytest.raises(psycopg.errors.CheckViolation, match="biometrics_value_fits_type"):
        insert_directly(conn, patient["patient_id"], kind, value)


def test_the_database_refuses_a_value_that_is_not_an_object(conn, patient):
    with pytest.raises(psycopg.errors.CheckViolation, match="biometrics_value_fits_type"):
        insert_directly(conn, patient["patient_id"], "mood", [5])


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (reading(kind="blood_sugar"), "type"),
        (reading(value=[72]), "value"),
        ({"type": "heart_rate", "recorded_at": "2024-05-01T08:00:00Z"}, "value"),
        (reading(at="2024-05-01T08:00:00"), "recorded_at"),  # no time zone
        (reading(at=(datetime.now(UTC) + timedelta(days=3)).isoformat()), "recorded_at"),
        (reading(device_id=""), "device_id"),
        (reading(metadata="firmware 2"), "metadata"),
        (reading(source="manual"), "source"),
    ],
)
def test_bad_reading_is_400_and_writes_nothing(client, alice, patient_url, conn, payload, field):
    response = client.post(f"{patient_url}/biometrics", headers=alice.headers, json=payload)
    assert_error(response, 400, field)
    assert count(conn, "biometrics") == 0


def test_the_database_refuses_a_reading_from_the_future(conn, patient):
    with pytest.raises(psycopg.errors.CheckViolation, match="biometrics_recorded_in_the_past"):
        conn.execute(
            "INSERT INTO clinical.biometrics (customer_id, patient_id, type, recorded_at, value)"
            " VALUES (%s, %s, 'mood', now() + interval '2 days', '{\"score\": 5}')",
            (patient["customer_id"], patient["patient_id"]),
        )


def test_query_by_type_and_time_window_newest_first(client, alice, patient_url):
    at = [f"2024-05-0{day}T08:00:00Z" for day in (1, 2, 3, 4)]
    hr = [record(client, alice, patient_url, at=t, value={"bpm": 60 + i}) for i, t in enumerate(at)]
    mood = record(client, alice, patient_url, kind="mood", value={"score": 5}, at=at[2])

    def ids(**query):
        response = client.get(
            f"{patient_url}/biometrics", headers=alice.headers, query_string=query
        )
        assert response.status_code == 200, response.json
        return [r["biometric_id"] for r in response.json["data"]]

    assert ids(type="heart_rate") == [
        hr[3]["biometric_id"],
        hr[2]["biometric_id"],
        hr[1]["biometric_id"],
        hr[0]["biometric_id"],
    ]
    assert ids(type="heart_rate", **{"from": at[1], "to": at[3]}) == [
        hr[2]["biometric_id"],
        hr[1]["biometric_id"],
    ]
    assert ids(type="mood") == [mood["biometric_id"]]
    assert ids(**{"from": at[2], "to": at[3]}) == sorted(
        [hr[2]["biometric_id"], mood["biometric_id"]], reverse=True
    )
    assert ids(type="weight") == []


def test_pages_follow_the_last_reading_even_at_the_same_time(client, alice, patient_url):
    same_time = [record(client, alice, patient_url, at="2024-05-01T08:00:00Z") for _ in range(3)]
    older = record(client, alice, patient_url, at="2024-04-30T08:00:00Z")
    expected = [r["biometric_id"] for r in reversed(same_time)] + [older["biometric_id"]]

    seen, before_id = [], None
    while True:
        query = {"type": "heart_rate", "limit": 2}
        if before_id is not None:
            query["before_id"] = before_id
        page = client.get(f"{patient_url}/biometrics", headers=alice.headers, query_string=query)
        rows = page.json["data"]
        if not rows:
            break
        seen += [r["biometric_id"] for r in rows]
        before_id = rows[-1]["biometric_id"]
    assert seen == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"type": "blood_sugar"}, "type"),
        ({"from": "yesterday"}, "from"),
        ({"from": "2024-05-02T00:00:00Z", "to": "2024-05-01T00:00:00Z"}, "to"),
        ({"limit": 0}, "limit"),
        ({"limit": 5001}, "limit"),
        ({"before_id": 0}, "before_id"),
    ],
)
def test_bad_query_is_400(client, alice, patient_url, query, field):
    response = client.get(f"{patient_url}/biometrics", headers=alice.headers, query_string=query)
    assert_error(response, 400, field)


def test_read_replace_and_delete_one_reading(client, alice, patient_url, conn):
    stored = record(client, alice, patient_url)
    url = f"{patient_url}/biometrics/{stored['biometric_id']}"
    assert client.get(url, headers=alice.headers).json["data"] == stored

    corrected = client.put(
        url,
        headers=alice.headers,
        json=reading("blood_pressure", {"systolic": 130, "diastolic": 85}, device_id="cuff"),
    )
    assert corrected.status_code == 200
    data = corrected.json["data"]
    assert (data["type"], data["value"], data["device_id"]) == (
        "blood_pressure",
        {"systolic": 130, "diastolic": 85},
        "cuff",
    )
    assert data["biometric_id"] == stored["biometric_id"]
    bad = client.put(url, headers=alice.headers, json=reading("blood_pressure", {"bpm": 70}))
    assert_error(bad, 400, "value")
    assert client.get(url, headers=alice.headers).json["data"] == data

    assert client.delete(url, headers=alice.headers).json["data"] == {
        "biometric_id": stored["biometric_id"]
    }
    assert_error(client.get(url, headers=alice.headers), 404)
    assert_error(client.delete(url, headers=alice.headers), 404)
    assert_error(client.put(url, headers=alice.headers, json=reading()), 404)
    assert count(conn, "biometrics") == 0


def test_another_clinicians_readings_are_404(client, alice, bob, patient_url):
    stored = record(client, alice, patient_url)
    url = f"{patient_url}/biometrics/{stored['biometric_id']}"
    assert_error(client.get(f"{patient_url}/biometrics", headers=bob.headers), 404)
    assert_error(client.post(f"{patient_url}/biometrics", headers=bob.headers, json=reading()), 404)
    assert_error(client.get(url, headers=bob.headers), 404)
    assert_error(client.put(url, headers=bob.headers, json=reading(value={"bpm": 200})), 404)
    assert_error(client.delete(url, headers=bob.headers), 404)
    assert client.get(url, headers=alice.headers).json["data"] == stored


def test_a_reading_is_reached_only_through_its_own_patient(client, alice, patient_url):
    stored = record(client, alice, patient_url)
    other = create_patient(client, alice, medical_record_number="MRN-OTHER")
    other_url = f"{API}/patients/{other['patient_id']}/biometrics"
    assert_error(client.get(f"{other_url}/{stored['biometric_id']}", headers=alice.headers), 404)
    page = client.get(
        other_url, headers=alice.headers, query_string={"before_id": stored["biometric_id"]}
    )
    assert page.json["data"] == []


def test_the_value_shapes_are_documented_in_openapi(client):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    described = schemas["BiometricWrite"]["properties"]["value"]["description"]
    assert '"systolic": whole 50..300' in described
    assert '"quality"?: whole 1..10' in described
    assert all(kind in described for kind in ("heart_rate", "oxygen_saturation", "mood"))
