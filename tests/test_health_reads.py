"""The audit of health reads (issue 15, point 4): every GET of Garmin, training, blood or
clinical data that answers is recorded in the request's own transaction; the user lists who
read their data, an admin lists it for a user, and the export carries it."""

from __future__ import annotations

import io
import zipfile

import psycopg
import pytest

from tests.clinical_helpers import create_patient
from tests.helpers import assert_error

READS = "/api/v1/auth/me/reads"


def reads(conn, customer_id: int) -> list[dict]:
    return conn.execute(
        "SELECT customer_id, reader_customer_id, dataset, route, request_id"
        " FROM aiapp.health_reads WHERE customer_id = %s ORDER BY read_id",
        (customer_id,),
    ).fetchall()


def test_each_health_get_is_recorded_with_who_for_whom_what_and_the_request_id(
    client, conn, alice, admin
):
    sleep = client.get(
        "/api/v1/garmin/sleep", headers={**alice.headers, "X-Request-ID": "alice-reads-sleep"}
    )
    assert sleep.status_code == 200, sleep.json
    blood = client.get("/api/v1/blood/tests", headers=alice.headers)
    assert blood.status_code == 200, blood.json
    patient = create_patient(client, alice)
    clinical = client.get(
        f"/api/v1/clinical/patients/{patient['patient_id']}", headers=alice.headers
    )
    assert clinical.status_code == 200, clinical.json
    # A sync worker's admin token acting for alice reads her training profile.
    worker = client.get(
        "/api/v1/garmin/plans",
        headers={**admin.headers, "X-Request-ID": "worker-1"},
        query_string={"customer_id": alice.customer_id},
    )
    assert worker.status_code == 200, worker.json
    rows = reads(conn, alice.customer_id)
    assert [(r["dataset"], r["route"], r["reader_customer_id"]) for r in rows] == [
        ("garmin", "/api/v1/garmin/sleep", alice.customer_id),
        ("blood", "/api/v1/blood/tests", alice.customer_id),
        ("clinical", "/api/v1/clinical/patients/<uuid:patient_id>", alice.customer_id),
        ("garmin", "/api/v1/garmin/plans", admin.customer_id),
    ]
    assert rows[0]["request_id"] == "alice-reads-sleep"
    assert rows[3]["request_id"] == "worker-1"
    assert reads(conn, admin.customer_id) == []


def test_writes_refusals_and_other_databases_are_not_reads(client, conn, alice, bob):
    patient = create_patient(client, alice)
    # A write, a read of another clinician's patient (404: nothing was read), a refused token,
    # a chat read: none is a health read.
    assert_error(
        client.get(f"/api/v1/clinical/patients/{patient['patient_id']}", headers=bob.headers),
        404,
    )
    assert_error(client.get("/api/v1/garmin/sleep", headers={"Authorization": "Bearer nope"}), 401)
    listed = client.post("/api/v1/chat/sessions/list", headers=alice.headers, json={})
    assert listed.status_code == 200
    assert reads(conn, alice.customer_id) == []
    assert reads(conn, bob.customer_id) == []


def test_the_read_is_written_in_the_requests_own_transaction(client, conn, alice):
    """The token check touches last_used_at in the same pipeline: both rows carry one
    transaction id, so the audit row cost no transaction (and no round trip) of its own."""
    assert client.get("/api/v1/garmin/sleep", headers=alice.headers).status_code == 200
    audit_xmin = conn.execute("SELECT xmin::text AS x FROM aiapp.health_reads").fetchone()["x"]
    token_xmin = conn.execute(
        "SELECT xmin::text AS x FROM aiapp.auth_tokens WHERE customer_id = %s",
        (alice.customer_id,),
    ).fetchone()["x"]
    assert audit_xmin == token_xmin


def test_a_user_lists_who_read_their_data_newest_first_in_pages(client, alice, bob, admin):
    for _ in range(3):
        assert client.get("/api/v1/garmin/sleep", headers=alice.headers).status_code == 200
    client.get(
        "/api/v1/blood/tests",
        headers=admin.headers,
        query_string={"customer_id": alice.customer_id},
    )
    client.get("/api/v1/garmin/sleep", headers=bob.headers)
    listed = client.get(READS, headers=alice.headers)
    assert listed.status_code == 200, listed.json
    rows = listed.json["data"]
    assert [(r["dataset"], r["reader_customer_id"], r["acted_for"]) for r in rows] == [
        ("blood", admin.customer_id, True),
        ("garmin", alice.customer_id, False),
        ("garmin", alice.customer_id, False),
        ("garmin", alice.customer_id, False),
    ]
    assert {r["customer_id"] for r in rows} == {alice.customer_id}
    assert [r["read_id"] for r in rows] == sorted((r["read_id"] for r in rows), reverse=True)
    page = client.get(READS, headers=alice.headers, query_string={"limit": 2})
    assert [r["read_id"] for r in page.json["data"]] == [r["read_id"] for r in rows[:2]]
    rest = client.get(
        READS, headers=alice.headers, query_string={"before": rows[1]["read_id"], "limit": 5}
    )
    assert [r["read_id"] for r in rest.json["data"]] == [r["read_id"] for r in rows[2:]]
    by_admin = client.get(
        READS, headers=alice.headers, query_string={"reader_customer_id": admin.customer_id}
    )
    assert [r["reader_customer_id"] for r in by_admin.json["data"]] == [admin.customer_id]
    # Bob sees his own read only, never alice's.
    bobs = client.get(READS, headers=bob.headers).json["data"]
    assert [r["customer_id"] for r in bobs] == [bob.customer_id]


def test_the_reads_list_refuses_bad_input_and_needs_a_token(client, alice, bob):
    assert_error(client.get(READS), 401)
    assert_error(client.get(READS, headers=alice.headers, query_string={"limit": 0}), 400, "limit")
    assert_error(
        client.get(READS, headers=alice.headers, query_string={"before": "x"}), 400, "before"
    )
    assert_error(
        client.get(READS, headers=alice.headers, query_string={"customer_id": bob.customer_id}),
        403,
    )


def test_an_admin_lists_a_users_reads(client, alice, bob, admin):
    client.get("/api/v1/garmin/sleep", headers=alice.headers)
    url = f"/api/v1/auth/admin/users/{alice.customer_id}/reads"
    listed = client.get(url, headers=admin.headers)
    assert listed.status_code == 200, listed.json
    assert [(r["customer_id"], r["route"]) for r in listed.json["data"]] == [
        (alice.customer_id, "/api/v1/garmin/sleep")
    ]
    nobody_read = client.get(
        f"/api/v1/auth/admin/users/{bob.customer_id}/reads", headers=admin.headers
    )
    assert nobody_read.json["data"] == []
    assert_error(client.get("/api/v1/auth/admin/users/999999/reads", headers=admin.headers), 404)
    assert_error(client.get(url, headers=alice.headers), 403)


def test_the_log_is_append_only_for_the_app_role(client, alice, app_database_url):
    client.get("/api/v1/garmin/sleep", headers=alice.headers)
    with psycopg.connect(app_database_url, autocommit=True) as as_app:
        as_app.execute("SELECT set_config('app.customer_id', %s, false)", (str(alice.customer_id),))
        for statement in (
            "UPDATE aiapp.health_reads SET route = '/forged'",
            "DELETE FROM aiapp.health_reads",
            "TRUNCATE aiapp.health_reads",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                as_app.execute(statement)
        kept = as_app.execute("SELECT count(*) FROM aiapp.health_reads").fetchone()[0]
    assert kept == 1


def test_the_export_carries_the_users_reads_and_erasure_removes_them(client, conn, alice, bob):
    client.get("/api/v1/garmin/sleep", headers=alice.headers)
    client.get("/api/v1/garmin/sleep", headers=bob.headers)
    archive = zipfile.ZipFile(
        io.BytesIO(client.get("/api/v1/auth/me/export", headers=alice.headers).get_data())
    )
    lines = archive.read("aiapp/health_reads.csv").decode().splitlines()
    assert len(lines) == 2  # the header and alice's one read
    assert "/api/v1/garmin/sleep" in lines[1]
    erased = client.delete(
        "/api/v1/auth/me", headers=alice.headers, json={"password": alice.password}
    )
    assert erased.status_code == 200, erased.json
    assert erased.json["data"]["removed"]["aiapp.health_reads"] == 1
    assert reads(conn, alice.customer_id) == []
    assert len(reads(conn, bob.customer_id)) == 1


def test_a_read_rerun_on_a_stale_role_hint_is_recorded_once(client, conn, alice):
    """The hint says user, the database says admin: the view runs again on a fresh check, and
    its audit row (rolled back with the first run) is queued again, once."""
    assert client.get("/api/v1/garmin/sleep", headers=alice.headers).status_code == 200
    conn.execute(
        "UPDATE aiapp.users SET role = 'admin' WHERE customer_id = %s", (alice.customer_id,)
    )
    assert client.get("/api/v1/garmin/sleep", headers=alice.headers).status_code == 200
    assert len(reads(conn, alice.customer_id)) == 2


def test_a_user_promoted_meanwhile_gets_the_admin_bypass_at_once(client, conn, alice, bob):
    """The hint says user; the admin route checks afresh and runs with the bypass: every user
    is listed, not only the one row row-level security would show alice."""
    assert_error(client.get("/api/v1/auth/admin/users", headers=alice.headers), 403)
    conn.execute(
        "UPDATE aiapp.users SET role = 'admin' WHERE customer_id = %s", (alice.customer_id,)
    )
    listed = client.get("/api/v1/auth/admin/users", headers=alice.headers)
    assert listed.status_code == 200, listed.json
    assert {u["customer_id"] for u in listed.json["data"]} == {
        alice.customer_id,
        bob.customer_id,
    }
