"""Digital twins through HTTP: versions that count updates, types, another clinician's twins."""

import uuid

import pytest

from tests.clinical_helpers import API, count, create_patient
from tests.helpers import assert_error

TWIN = {
    "type": "psychiatric",
    "name": "Mood model",
    "description": "Tracks depressive episodes",
    "data": {"phq9": [12, 9, 7], "model": {"kind": "hmm", "states": 3}},
}


@pytest.fixture
def patient_url(client, alice):
    return f"{API}/patients/{create_patient(client, alice)['patient_id']}"


def create_twin(client, account, patient_url, **fields):
    response = client.post(f"{patient_url}/twins", headers=account.headers, json={**TWIN, **fields})
    assert response.status_code == 201, response.json
    return response.json["data"]


def test_create_starts_at_version_1(client, alice, patient_url):
    twin = create_twin(client, alice, patient_url)
    assert twin["version"] == 1
    assert (twin["type"], twin["name"], twin["description"]) == (
        "psychiatric",
        "Mood model",
        "Tracks depressive episodes",
    )
    assert twin["data"] == TWIN["data"]
    assert patient_url.endswith(twin["patient_id"])


def test_description_and_data_are_optional(client, alice, patient_url):
    twin = create_twin(client, alice, patient_url, description=None, data={})
    assert (twin["description"], twin["data"]) == (None, {})


def test_every_update_adds_one_to_the_version(client, alice, patient_url):
    twin = create_twin(client, alice, patient_url)
    url = f"{patient_url}/twins/{twin['twin_id']}"
    first = client.patch(url, headers=alice.headers, json={"name": "Mood model v2"})
    assert first.status_code == 200
    assert (first.json["data"]["version"], first.json["data"]["name"]) == (2, "Mood model v2")
    assert first.json["data"]["data"] == TWIN["data"]  # not sent, kept
    second = client.patch(
        url, headers=alice.headers, json={"type": "integrated", "data": {"fresh": True}}
    )
    changed = second.json["data"]
    assert (changed["version"], changed["type"], changed["data"]) == (
        3,
        "integrated",
        {"fresh": True},
    )
    assert changed["name"] == "Mood model v2"
    assert client.get(url, headers=alice.headers).json["data"] == changed


def test_the_database_keeps_the_version_whoever_writes(client, alice, patient_url, conn):
    twin = create_twin(client, alice, patient_url)
    row = conn.execute(
        "UPDATE clinical.digital_twins SET version = 1, name = 'by hand' WHERE twin_id = %s"
        " RETURNING version",
        (twin["twin_id"],),
    ).fetchone()
    assert row["version"] == 2


def test_list_shows_the_patients_twins_oldest_first(client, alice, patient_url):
    first = create_twin(client, alice, patient_url, name="First")
    second = create_twin(client, alice, patient_url, name="Second", type="cognitive")
    other_patient = create_patient(client, alice, medical_record_number="MRN-OTHER")
    create_twin(client, alice, f"{API}/patients/{other_patient['patient_id']}", name="Elsewhere")
    listed = client.get(f"{patient_url}/twins", headers=alice.headers).json["data"]
    assert [t["twin_id"] for t in listed] == [first["twin_id"], second["twin_id"]]
    assert listed[1] == second


def test_list_is_empty_without_twins(client, alice, patient_url):
    assert client.get(f"{patient_url}/twins", headers=alice.headers).json["data"] == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**TWIN, "type": "astrological"}, "type"),
        ({**TWIN, "name": ""}, "name"),
        ({k: v for k, v in TWIN.items() if k != "name"}, "name"),
        ({**TWIN, "data": [1, 2]}, "data"),
        ({**TWIN, "version": 7}, "version"),
    ],
)
def test_bad_twin_is_400_and_writes_nothing(client, alice, patient_url, conn, payload, field):
    response = client.post(f"{patient_url}/twins", headers=alice.headers, json=payload)
    assert_error(response, 400, field)
    assert count(conn, "digital_twins") == 0


def test_bad_patch_is_400_and_keeps_the_version(client, alice, patient_url):
    twin = create_twin(client, alice, patient_url)
    url = f"{patient_url}/twins/{twin['twin_id']}"
    assert_error(client.patch(url, headers=alice.headers, json={}), 400, "_schema")
    assert_error(client.patch(url, headers=alice.headers, json={"name": None}), 400, "name")
    assert client.get(url, headers=alice.headers).json["data"]["version"] == 1


def test_delete_a_twin(client, alice, patient_url, conn):
    twin = create_twin(client, alice, patient_url)
    url = f"{patient_url}/twins/{twin['twin_id']}"
    assert client.delete(url, headers=alice.headers).json["data"] == {"twin_id": twin["twin_id"]}
    assert_error(client.get(url, headers=alice.headers), 404)
    assert_error(client.delete(url, headers=alice.headers), 404)
    assert count(conn, "digital_twins") == 0


def test_another_clinicians_twins_are_404(client, alice, bob, patient_url):
    twin = create_twin(client, alice, patient_url)
    url = f"{patient_url}/twins/{twin['twin_id']}"
    assert_error(client.get(f"{patient_url}/twins", headers=bob.headers), 404)
    assert_error(client.post(f"{patient_url}/twins", headers=bob.headers, json=TWIN), 404)
    assert_error(client.get(url, headers=bob.headers), 404)
    assert_error(client.patch(url, headers=bob.headers, json={"name": "Mallory"}), 404)
    assert_error(client.delete(url, headers=bob.headers), 404)
    assert client.get(url, headers=alice.headers).json["data"] == twin


def test_a_twin_is_reached_only_through_its_own_patient(client, alice, patient_url):
    twin = create_twin(client, alice, patient_url)
    other = create_patient(client, alice, medical_record_number="MRN-OTHER")
    wrong = f"{API}/patients/{other['patient_id']}/twins/{twin['twin_id']}"
    assert_error(client.get(wrong, headers=alice.headers), 404)
    assert_error(client.get(f"{patient_url}/twins/{uuid.uuid4()}", headers=alice.headers), 404)
