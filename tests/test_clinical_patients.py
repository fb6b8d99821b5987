"""Patients through HTTP: a clinician's own, unique record numbers, validation, deletion."""

import uuid
from datetime import date, timedelta

import psycopg
import pytest

from tests.clinical_helpers import API, PATIENT, count, create_patient
from tests.helpers import assert_error


def test_create_returns_the_patient_owned_by_the_clinician(client, alice, conn):
    response = client.post(
        f"{API}/patients",
        headers=alice.headers,
        json={**PATIENT, "sex": "female", "email": "ada@example.com", "phone": "+44 20 7946 0000"},
    )
    assert response.status_code == 201
    patient = response.json["data"]
    assert patient["customer_id"] == alice.customer_id
    assert (patient["first_name"], patient["last_name"]) == ("Ada", "Byron")
    assert (patient["date_of_birth"], patient["sex"]) == ("1985-12-10", "female")
    assert (patient["email"], patient["phone"], patient["address"]) == (
        "ada@example.com",
        "+44 20 7946 0000",
        None,
    )
    stored = conn.execute(
        "SELECT customer_id, medical_record_number FROM clinical.patients WHERE patient_id = %s",
        (patient["patient_id"],),
    ).fetchone()
    assert stored == {"customer_id": alice.customer_id, "medical_record_number": "MRN-001"}


def test_sex_defaults_to_unknown(client, alice):
    assert create_patient(client, alice)["sex"] == "unknown"


def test_list_shows_only_own_patients_in_name_order_a_page_at_a_time(client, alice, bob):
    create_patient(client, alice, medical_record_number="A1", last_name="Zhou")
    create_patient(client, alice, medical_record_number="A2", last_name="Adams")
    create_patient(client, alice, medical_record_number="A3", last_name="Moreau")
    create_patient(client, bob, medical_record_number="B1", last_name="Bobs-patient")

    listed = client.get(f"{API}/patients", headers=alice.headers)
    assert [p["last_name"] for p in listed.json["data"]] == ["Adams", "Moreau", "Zhou"]
    page = client.get(
        f"{API}/patients", headers=alice.headers, query_string={"limit": 1, "offset": 1}
    )
    assert [p["last_name"] for p in page.json["data"]] == ["Moreau"]
    assert [
        p["last_name"] for p in client.get(f"{API}/patients", headers=bob.headers).json["data"]
    ] == ["Bobs-patient"]


def test_list_is_empty_without_patients(client, alice):
    assert client.get(f"{API}/patients", headers=alice.headers).json["data"] == []


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 501}, {"offset": -1}])
def test_bad_list_paging_is_400(client, alice, query):
    field = next(iter(query))
    assert_error(
        client.get(f"{API}/patients", headers=alice.headers, query_string=query), 400, field
    )


def test_read_one_patient(client, alice):
    patient = create_patient(client, alice)
    response = client.get(f"{API}/patients/{patient['patient_id']}", headers=alice.headers)
    assert response.json["data"] == patient


def test_patch_changes_only_what_was_sent_and_null_clears(client, alice):
    patient = create_patient(client, alice, email="ada@example.com", address="12 St James's Sq")
    url = f"{API}/patients/{patient['patient_id']}"
    response = client.patch(
        url, headers=alice.headers, json={"first_name": "Augusta", "email": None, "sex": "female"}
    )
    assert response.status_code == 200
    changed = response.json["data"]
    assert (changed["first_name"], changed["email"], changed["sex"]) == ("Augusta", None, "female")
    assert (changed["last_name"], changed["address"]) == ("Byron", "12 St James's Sq")
    assert changed["medical_record_number"] == "MRN-001"
    assert changed["updated_at"] > patient["updated_at"]
    assert client.get(url, headers=alice.headers).json["data"] == changed


def test_patch_without_fields_is_400(client, alice):
    patient = create_patient(client, alice)
    response = client.patch(
        f"{API}/patients/{patient['patient_id']}", headers=alice.headers, json={}
    )
    assert_error(response, 400, "_schema")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"medical_record_number": None}, "medical_record_number"),
        ({"first_name": ""}, "first_name"),
        ({"date_of_birth": "1850-01-01"}, "date_of_birth"),
        ({"owner": 5}, "owner"),
    ],
)
def test_bad_patch_is_400_and_changes_nothing(client, alice, change, field):
    patient = create_patient(client, alice)
    url = f"{API}/patients/{patient['patient_id']}"
    assert_error(client.patch(url, headers=alice.headers, json=change), 400, field)
    assert client.get(url, headers=alice.headers).json["data"] == patient


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**PATIENT, "medical_record_number": ""}, "medical_record_number"),
        ({**PATIENT, "medical_record_number": " MRN-1"}, "medical_record_number"),
        ({**PATIENT, "medical_record_number": "x" * 65}, "medical_record_number"),
        ({k: v for k, v in PATIENT.items() if k != "last_name"}, "last_name"),
        ({**PATIENT, "date_of_birth": "not a date"}, "date_of_birth"),
        ({**PATIENT, "date_of_birth": str(date.today() + timedelta(days=3))}, "date_of_birth"),
        ({**PATIENT, "sex": "F"}, "sex"),
        ({**PATIENT, "email": "nope"}, "email"),
        ({**PATIENT, "phone": "call me"}, "phone"),
        ({**PATIENT, "diagnosis": "flu"}, "diagnosis"),
    ],
)
def test_bad_patient_is_400_and_writes_nothing(client, alice, conn, payload, field):
    assert_error(client.post(f"{API}/patients", headers=alice.headers, json=payload), 400, field)
    assert count(conn, "patients") == 0


def test_record_number_is_unique_per_clinician(client, alice, bob, conn):
    create_patient(client, alice)
    again = client.post(f"{API}/patients", headers=alice.headers, json=PATIENT)
    assert_error(again, 409, "medical_record_number")
    assert create_patient(client, bob)["medical_record_number"] == "MRN-001"
    other = create_patient(client, alice, medical_record_number="MRN-002")
    taken = client.patch(
        f"{API}/patients/{other['patient_id']}",
        headers=alice.headers,
        json={"medical_record_number": "MRN-001"},
    )
    assert_error(taken, 409, "medical_record_number")
    assert count(conn, "patients") == 3


def test_another_clinicians_patient_is_404_for_every_verb(client, alice, bob):
    patient = create_patient(client, alice)
    url = f"{API}/patients/{patient['patient_id']}"
    assert_error(client.get(url, headers=bob.headers), 404)
    assert_error(client.patch(url, headers=bob.headers, json={"first_name": "Mallory"}), 404)
    assert_error(client.delete(url, headers=bob.headers), 404)
    assert client.get(url, headers=alice.headers).json["data"] == patient


def test_unknown_and_malformed_patient_ids_are_404(client, alice):
    assert_error(client.get(f"{API}/patients/{uuid.uuid4()}", headers=alice.headers), 404)
    assert_error(client.get(f"{API}/patients/12345", headers=alice.headers), 404)


def test_delete_takes_twins_biometrics_and_alerts_along(client, alice, conn):
    patient = create_patient(client, alice)
    url = f"{API}/patients/{patient['patient_id']}"
    client.post(f"{url}/twins", headers=alice.headers, json={"type": "cognitive", "name": "T"})
    client.post(
        f"{url}/biometrics",
        headers=alice.headers,
        json={"type": "mood", "recorded_at": "2024-05-01T08:00:00Z", "value": {"score": 6}},
    )
    client.post(f"{url}/alerts", headers=alice.headers, json={"type": "risk", "message": "Call"})
    assert (count(conn, "digital_twins"), count(conn, "biometrics"), count(conn, "alerts")) == (
        1,
        1,
        1,
    )

    response = client.delete(url, headers=alice.headers)
    assert response.json["data"] == {"patient_id": patient["patient_id"]}
    assert_error(client.get(url, headers=alice.headers), 404)
    assert_error(client.delete(url, headers=alice.headers), 404)
    assert [count(conn, t) for t in ("patients", "digital_twins", "biometrics", "alerts")] == [
        0,
        0,
        0,
        0,
    ]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/patients"),
        ("post", "/patients"),
        ("get", "/patients/{id}"),
        ("patch", "/patients/{id}"),
        ("delete", "/patients/{id}"),
        ("get", "/patients/{id}/twins"),
        ("get", "/patients/{id}/biometrics"),
        ("get", "/patients/{id}/alerts"),
        ("get", "/patients/{id}/access-log"),
    ],
)
def test_every_route_needs_a_token(client, alice, method, path):
    patient = create_patient(client, alice)
    url = API + path.format(id=patient["patient_id"])
    assert_error(getattr(client, method)(url, json=PATIENT if method == "post" else None), 401)


def test_a_user_token_cannot_name_another_clinician(client, alice, bob):
    create_patient(client, bob)
    response = client.get(
        f"{API}/patients", headers=alice.headers, query_string={"customer_id": bob.customer_id}
    )
    assert_error(response, 403)


def test_admin_acts_for_a_clinician_with_customer_id(client, alice, admin):
    created = client.post(
        f"{API}/patients", headers=admin.headers, json={**PATIENT, "customer_id": alice.customer_id}
    )
    assert created.status_code == 201
    assert created.json["data"]["customer_id"] == alice.customer_id
    listed = client.get(
        f"{API}/patients", headers=admin.headers, query_string={"customer_id": alice.customer_id}
    )
    assert [p["patient_id"] for p in listed.json["data"]] == [created.json["data"]["patient_id"]]
    assert client.get(f"{API}/patients", headers=admin.headers).json["data"] == []


def test_the_database_refuses_a_birth_after_the_record(alice, conn):
    with pytest.raises(psycopg.errors.CheckViolation, match="patients_born_in_the_past"):
        conn.execute(
            "INSERT INTO clinical.patients"
            " (customer_id, medical_record_number, first_name, last_name, date_of_birth)"
            " VALUES (%s, 'M', 'A', 'B', current_date + 3)",
            (alice.customer_id,),
        )
