"""Seed 004's interaction logs: what a clinician or the assistant did with a patient's digital
twin. Append-only in the database (trigger and grants), visible only to the patient's
clinician, kept after the twin is deleted."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from tests.clinical_helpers import API, access_log, count, create_patient
from tests.helpers import assert_error


@pytest.fixture
def twin(client, alice):
    """Alice's patient with a twin at version 2 (created, then changed once)."""
    patient = create_patient(client, alice)
    url = f"{API}/patients/{patient['patient_id']}/twins"
    made = client.post(url, headers=alice.headers, json={"type": "integrated", "name": "Twin"})
    assert made.status_code == 201, made.json
    twin = made.json["data"]
    changed = client.patch(f"{url}/{twin['twin_id']}", headers=alice.headers, json={"name": "T2"})
    assert changed.json["data"]["version"] == 2
    return {**twin, "url": f"{url}/{twin['twin_id']}/interactions"}


def log(client, account, twin, **fields):
    body = {"interaction_type": "prediction", **fields}
    return client.post(twin["url"], headers=account.headers, json=body)


def test_an_interaction_is_stored_as_sent(client, alice, twin, conn):
    made = client.post(
        twin["url"],
        headers={**alice.headers, "X-Request-ID": "assist-42"},
        json={
            "interaction_type": "prediction",
            "actor": "assistant",
            "payload": {"question": "relapse risk in 30 days?"},
            "outcome": {"risk": 0.12, "accepted": True},
            "occurred_at": "2024-05-01T10:00:00+02:00",
        },
    )
    assert made.status_code == 201, made.json
    entry = made.json["data"]
    assert entry["twin_version"] == 2
    assert entry["occurred_at"] == "2024-05-01T08:00:00+00:00"
    stored = conn.execute(
        "SELECT customer_id, token_customer_id, patient_id::text, twin_id::text, twin_version,"
        " actor, interaction_type, payload, outcome, request_id FROM clinical.interaction_log"
    ).fetchall()
    assert stored == [
        {
            "customer_id": alice.customer_id,
            "token_customer_id": alice.customer_id,
            "patient_id": twin["patient_id"],
            "twin_id": twin["twin_id"],
            "twin_version": 2,
            "actor": "assistant",
            "interaction_type": "prediction",
            "payload": {"question": "relapse risk in 30 days?"},
            "outcome": {"risk": 0.12, "accepted": True},
            "request_id": "assist-42",
        }
    ]
    assert access_log(conn)[-1]["action"] == "interaction.create"


def test_defaults_an_older_version_and_a_version_the_twin_never_had(client, alice, twin, conn):
    first = log(client, alice, twin, twin_version=1)
    assert first.status_code == 201, first.json
    assert first.json["data"]["twin_version"] == 1
    plain = log(client, alice, twin).json["data"]
    assert (plain["actor"], plain["twin_version"], plain["payload"], plain["outcome"]) == (
        "clinician",
        2,
        {},
        {},
    )
    body = assert_error(log(client, alice, twin, twin_version=3), 422, "twin_version")
    assert "1 to 2" in body["message"]
    assert count(conn, "interaction_log") == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"interaction_type": "gossip"}, "interaction_type"),
        ({"actor": "robot"}, "actor"),
        ({"payload": [1, 2]}, "payload"),
        ({"outcome": "fine"}, "outcome"),
        ({"twin_version": 0}, "twin_version"),
        ({"twin_version": "2"}, "twin_version"),
        ({"occurred_at": "2999-01-01T00:00:00Z"}, "occurred_at"),
        ({"occurred_at": "2024-05-01T10:00:00"}, "occurred_at"),
        ({"twin_id": "00000000-0000-0000-0000-000000000000"}, "twin_id"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(client, alice, twin, conn, fields, field):
    assert_error(log(client, alice, twin, **fields), 400, field)
    assert count(conn, "interaction_log") == 0


def test_another_clinician_sees_and_writes_nothing(client, alice, bob, twin, conn):
    log(client, alice, twin)
    patient_url = f"{API}/patients/{twin['patient_id']}/interactions"
    assert_error(log(client, bob, twin), 404)
    assert_error(client.get(twin["url"], headers=bob.headers), 404)
    assert_error(client.get(patient_url, headers=bob.headers), 404)
    assert count(conn, "interaction_log") == 1
    # A twin of another patient, even Alice's own, is not found under this one.
    other = create_patient(client, alice, medical_record_number="MRN-002")
    wrong = twin["url"].replace(twin["patient_id"], other["patient_id"])
    assert_error(client.post(wrong, headers=alice.headers, json={"interaction_type": "query"}), 404)
    assert client.get(wrong, headers=alice.headers).json["data"] == []
    assert_error(client.get(twin["url"]), 401)
    assert_error(client.post(twin["url"], json={"interaction_type": "query"}), 401)
    attempts = [r for r in access_log(conn) if r["customer_id"] == bob.customer_id]
    assert [(r["action"], r["status_code"]) for r in attempts] == [
        ("interaction.create", 404),
        ("interaction.list", 404),
        ("interaction.list", 404),
    ]


def test_lists_newest_first_by_twin_type_and_page(client, alice, twin):
    patient = twin["patient_id"]
    other_twin = client.post(
        f"{API}/patients/{patient}/twins",
        headers=alice.headers,
        json={"type": "cognitive", "name": "Other"},
    ).json["data"]
    other = {"url": f"{API}/patients/{patient}/twins/{other_twin['twin_id']}/interactions"}
    ids = [
        log(client, alice, twin, interaction_type="query").json["data"]["interaction_id"],
        log(client, alice, other, interaction_type="review").json["data"]["interaction_id"],
        log(client, alice, twin, interaction_type="simulation").json["data"]["interaction_id"],
    ]
    everything = client.get(f"{API}/patients/{patient}/interactions", headers=alice.headers)
    assert [row["interaction_id"] for row in everything.json["data"]] == ids[::-1]
    mine = client.get(twin["url"], headers=alice.headers).json["data"]
    assert [row["interaction_type"] for row in mine] == ["simulation", "query"]
    typed = client.get(
        f"{API}/patients/{patient}/interactions",
        headers=alice.headers,
        query_string={"interaction_type": "review"},
    ).json["data"]
    assert [row["twin_id"] for row in typed] == [other_twin["twin_id"]]
    page = client.get(
        f"{API}/patients/{patient}/interactions",
        headers=alice.headers,
        query_string={"limit": 1, "before_id": ids[2]},
    ).json["data"]
    assert [row["interaction_id"] for row in page] == [ids[1]]
    assert_error(
        client.get(twin["url"], headers=alice.headers, query_string={"limit": 0}), 400, "limit"
    )


def test_the_log_outlives_the_twin(client, alice, twin, conn):
    log(client, alice, twin, interaction_type="annotation")
    twin_url = twin["url"].removesuffix("/interactions")
    assert client.delete(twin_url, headers=alice.headers).status_code == 200
    assert [
        r["interaction_type"] for r in client.get(twin["url"], headers=alice.headers).json["data"]
    ] == ["annotation"]
    assert_error(log(client, alice, twin), 404)
    patient_url = f"{API}/patients/{twin['patient_id']}"
    assert client.delete(patient_url, headers=alice.headers).status_code == 200
    assert count(conn, "interaction_log") == 1


def test_an_admin_worker_logs_for_the_assistant(client, alice, admin, twin, conn):
    made = client.post(
        twin["url"],
        headers=admin.headers,
        json={
            "customer_id": alice.customer_id,
            "interaction_type": "recommendation",
            "actor": "assistant",
        },
    )
    assert made.status_code == 201, made.json
    entry = made.json["data"]
    assert (entry["customer_id"], entry["token_customer_id"]) == (
        alice.customer_id,
        admin.customer_id,
    )


@pytest.fixture
def app_conn(app_database_url):
    with psycopg.connect(app_database_url, autocommit=True) as connection:
        yield connection


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE clinical.interaction_log SET outcome = '{}'",
        "DELETE FROM clinical.interaction_log",
        "TRUNCATE clinical.interaction_log",
    ],
)
def test_append_only_for_the_app_and_for_the_owner(client, alice, twin, conn, app_conn, statement):
    log(client, alice, twin)
    with pytest.raises(errors.InsufficientPrivilege):
        app_conn.execute(statement)
    # The trigger refuses even the superuser, who holds every privilege.
    with pytest.raises(errors.InsufficientPrivilege, match="append-only"):
        conn.execute(statement)
    assert count(conn, "interaction_log") == 1
    privileges = app_conn.execute(
        "SELECT has_table_privilege('clinical.interaction_log', 'SELECT'),"
        " has_table_privilege('clinical.interaction_log', 'INSERT'),"
        " has_table_privilege('clinical.interaction_log', 'UPDATE'),"
        " has_table_privilege('clinical.interaction_log', 'DELETE')"
    ).fetchone()
    assert privileges == (True, True, False, False)


def test_the_database_refuses_a_future_interaction(client, alice, twin, conn):
    log(client, alice, twin)
    with pytest.raises(errors.CheckViolation, match="interaction_log_occurred_in_the_past"):
        conn.execute(
            "INSERT INTO clinical.interaction_log (customer_id, token_customer_id, patient_id,"
            " twin_id, twin_version, actor, interaction_type, occurred_at, request_id)"
            " SELECT customer_id, token_customer_id, patient_id, twin_id, 1, actor,"
            " interaction_type, now() + interval '2 days', 'r1' FROM clinical.interaction_log"
        )
    assert count(conn, "interaction_log") == 1
