"""The interaction log: a row for every clinical request, refused ones too; append-only in the
database; readable by the owning clinician."""

import uuid

import psycopg
import pytest

from tests.clinical_helpers import API, PATIENT, access_log, count, create_patient
from tests.helpers import assert_error


def actions(conn):
    return [(row["action"], row["status_code"]) for row in access_log(conn)]


def test_every_route_appends_one_row(client, alice, conn):
    # One request per route, each answered as it should be; then the log must list them all.
    h = alice.headers
    patient = create_patient(client, alice)
    pid = patient["patient_id"]
    url = f"{API}/patients/{pid}"
    expected = [("patient.create", 201)]

    def call(method, path, action, code, **kwargs):
        response = getattr(client, method)(f"{url}{path}", headers=h, **kwargs)
        assert response.status_code == code, response.json
        expected.append((action, code))
        return response.json["data"]

    assert client.get(f"{API}/patients", headers=h).status_code == 200
    expected.append(("patient.list", 200))
    call("get", "", "patient.read", 200)
    call("patch", "", "patient.update", 200, json={"first_name": "Augusta"})
    twin = call("post", "/twins", "twin.create", 201, json={"type": "cognitive", "name": "T"})
    call("get", "/twins", "twin.list", 200)
    call("get", f"/twins/{twin['twin_id']}", "twin.read", 200)
    call("patch", f"/twins/{twin['twin_id']}", "twin.update", 200, json={"name": "T2"})
    call("delete", f"/twins/{twin['twin_id']}", "twin.delete", 200)
    reading = {"type": "mood", "recorded_at": "2024-05-01T08:00:00Z", "value": {"score": 6}}
    stored = call("post", "/biometrics", "biometrics.create", 201, json=reading)
    call("get", "/biometrics", "biometrics.list", 200, query_string={"type": "mood"})
    bid = stored["biometric_id"]
    call("get", f"/biometrics/{bid}", "biometrics.read", 200)
    call("put", f"/biometrics/{bid}", "biometrics.update", 200, json=reading)
    call("delete", f"/biometrics/{bid}", "biometrics.delete", 200)
    alert = call("post", "/alerts", "alert.create", 201, json={"type": "risk", "message": "m"})
    call("get", "/alerts", "alert.list", 200)
    call("get", f"/alerts/{alert['alert_id']}", "alert.read", 200)
    call("patch", f"/alerts/{alert['alert_id']}", "alert.update", 200, json={"status": "dismissed"})
    call("get", "/access-log", "access_log.read", 200)
    call("delete", "", "patient.delete", 200)

    assert actions(conn) == expected
    rows = access_log(conn)
    assert {row["customer_id"] for row in rows} == {alice.customer_id}
    assert {row["token_customer_id"] for row in rows} == {alice.customer_id}
    assert [row["patient_id"] for row in rows if row["action"] != "patient.list"] == [pid] * (
        len(rows) - 1
    )
    assert next(r for r in rows if r["action"] == "patient.list")["patient_id"] is None
    assert len({row["request_id"] for row in rows}) == len(rows)


def test_reading_another_clinicians_patient_is_404_and_still_logged(client, alice, bob, conn):
    patient = create_patient(client, alice)
    url = f"{API}/patients/{patient['patient_id']}"
    response = client.get(url, headers={**bob.headers, "X-Request-ID": "bob-snoops-1"})
    assert_error(response, 404)
    attempt = access_log(conn)[-1]
    assert attempt == {
        "customer_id": bob.customer_id,
        "token_customer_id": bob.customer_id,
        "patient_id": patient["patient_id"],
        "action": "patient.read",
        "status_code": 404,
        "request_id": "bob-snoops-1",
    }
    # The owning clinician sees the attempt in the patient's log.
    shown = client.get(f"{url}/access-log", headers=alice.headers).json["data"]
    assert shown[0]["customer_id"] == bob.customer_id
    assert (shown[0]["action"], shown[0]["status_code"]) == ("patient.read", 404)
    assert shown[0]["request_id"] == "bob-snoops-1"


def test_writes_refused_for_another_clinician_are_logged_and_write_nothing(
    client, alice, bob, conn
):
    patient = create_patient(client, alice)
    url = f"{API}/patients/{patient['patient_id']}"
    assert_error(
        client.post(f"{url}/alerts", headers=bob.headers, json={"type": "risk", "message": "x"}),
        404,
    )
    assert_error(client.delete(url, headers=bob.headers), 404)
    assert count(conn, "alerts") == 0
    assert count(conn, "patients") == 1
    assert actions(conn)[-2:] == [("alert.create", 404), ("patient.delete", 404)]
    assert {row["customer_id"] for row in access_log(conn)[-2:]} == {bob.customer_id}


def test_an_unknown_patient_id_is_logged_as_asked(client, alice, conn):
    missing = str(uuid.uuid4())
    assert_error(client.get(f"{API}/patients/{missing}/twins", headers=alice.headers), 404)
    assert access_log(conn)[-1]["patient_id"] == missing
    assert actions(conn)[-1] == ("twin.list", 404)


def test_refused_input_and_conflicts_are_logged_but_their_work_is_not_kept(client, alice, conn):
    patient = create_patient(client, alice)
    url = f"{API}/patients/{patient['patient_id']}"
    bad = {"type": "heart_rate", "recorded_at": "2024-05-01T08:00:00Z", "value": {"bpm": 999}}
    assert_error(client.post(f"{url}/biometrics", headers=alice.headers, json=bad), 400)
    assert_error(client.post(f"{API}/patients", headers=alice.headers, json=PATIENT), 409)
    assert actions(conn)[-2:] == [("biometrics.create", 400), ("patient.create", 409)]
    assert access_log(conn)[-1]["patient_id"] is None  # the refused create made no patient
    assert (count(conn, "biometrics"), count(conn, "patients")) == (0, 1)


def test_requests_without_a_valid_token_are_not_logged(client, alice, conn):
    patient = create_patient(client, alice)
    before = count(conn, "access_log")
    assert_error(client.get(f"{API}/patients/{patient['patient_id']}"), 401)
    bad_token = {"Authorization": "Bearer not-a-token"}
    assert_error(client.get(f"{API}/patients", headers=bad_token), 401)
    assert count(conn, "access_log") == before


def test_an_admin_acting_for_a_clinician_is_logged_as_both(client, alice, admin, conn):
    patient = create_patient(client, alice)
    response = client.get(
        f"{API}/patients/{patient['patient_id']}",
        headers=admin.headers,
        query_string={"customer_id": alice.customer_id},
    )
    assert response.status_code == 200
    row = access_log(conn)[-1]
    assert (row["customer_id"], row["token_customer_id"]) == (alice.customer_id, admin.customer_id)


def test_the_log_row_commits_with_the_work_or_the_work_does_not_happen(app, alice, conn):
    # If the log cannot be written, the request fails and its work is rolled back: no clinical
    # data is changed (or shown) without a row in the log. (Tests propagate errors raised after
    # the view; a served app answers 500, as here.)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    conn.execute(
        "CREATE FUNCTION clinical.refuse_log() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN RAISE EXCEPTION 'log is down'; END $$"
    )
    conn.execute(
        "CREATE TRIGGER refuse_log BEFORE INSERT ON clinical.access_log"
        " FOR EACH ROW EXECUTE FUNCTION clinical.refuse_log()"
    )
    response = client.post(f"{API}/patients", headers=alice.headers, json=PATIENT)
    assert_error(response, 500)
    assert (count(conn, "patients"), count(conn, "access_log")) == (0, 0)


def test_logging_survives_a_transaction_mode_pooler(make_app, register, conn):
    # Behind a transaction-mode pooler search_path is set per transaction; the log row is
    # written after the error's rollback, in a transaction of its own.
    client = make_app(DB_POOLER="transaction").test_client()
    alice, bob = register("alice@example.com"), register("bob@example.com")
    patient = create_patient(client, alice)
    assert_error(client.get(f"{API}/patients/{patient['patient_id']}", headers=bob.headers), 404)
    assert actions(conn) == [("patient.create", 201), ("patient.read", 404)]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE clinical.access_log SET status_code = 200",
        "DELETE FROM clinical.access_log",
        "DELETE FROM clinical.access_log WHERE false",
        "TRUNCATE clinical.access_log",
    ],
)
def test_the_log_is_append_only_in_the_database(client, alice, conn, statement):
    create_patient(client, alice)
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        conn.execute(statement)
    assert count(conn, "access_log") == 1


def test_the_log_outlives_the_patient_and_keeps_its_users(client, alice, conn):
    patient = create_patient(client, alice)
    client.delete(f"{API}/patients/{patient['patient_id']}", headers=alice.headers)
    assert [row["patient_id"] for row in access_log(conn)] == [patient["patient_id"]] * 2
    # PostgreSQL 15 reports RESTRICT as a foreign key violation, later releases as restrict.
    with pytest.raises(psycopg.errors.IntegrityError, match="access_log_customer_id_fkey"):
        conn.execute("DELETE FROM aiapp.users WHERE customer_id = %s", (alice.customer_id,))


def test_the_access_log_route_pages_newest_first(client, alice, conn):
    patient = create_patient(client, alice)
    url = f"{API}/patients/{patient['patient_id']}"
    for _ in range(3):
        client.get(url, headers=alice.headers)
    everything = client.get(f"{url}/access-log", headers=alice.headers).json["data"]
    assert [(e["action"], e["status_code"]) for e in everything] == [
        ("patient.read", 200),
        ("patient.read", 200),
        ("patient.read", 200),
        ("patient.create", 201),
    ]
    assert [e["access_id"] for e in everything] == sorted(
        (e["access_id"] for e in everything), reverse=True
    )
    first = client.get(f"{url}/access-log", headers=alice.headers, query_string={"limit": 2})
    ids = [e["access_id"] for e in first.json["data"]]
    # The two access-log reads themselves are newer than everything listed above.
    assert [e["action"] for e in first.json["data"]] == ["access_log.read", "patient.read"]
    rest = client.get(
        f"{url}/access-log",
        headers=alice.headers,
        query_string={"limit": 500, "before_id": ids[-1]},
    ).json["data"]
    assert [e["action"] for e in rest] == ["patient.read", "patient.read", "patient.create"]
    assert_error(
        client.get(f"{url}/access-log", headers=alice.headers, query_string={"limit": 0}),
        400,
        "limit",
    )


def test_another_clinician_cannot_read_a_patients_log(client, alice, bob, conn):
    patient = create_patient(client, alice)
    url = f"{API}/patients/{patient['patient_id']}/access-log"
    assert_error(client.get(url, headers=bob.headers), 404)
    assert actions(conn)[-1] == ("access_log.read", 404)
