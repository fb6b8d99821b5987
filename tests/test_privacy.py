"""Export and erasure of a user's data (issue 15, points 1 and 2)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import psycopg
from psycopg import sql

from app import create_app
from app.auth.privacy import APP_SCHEMAS, user_tables
from tests import clinical_helpers, habits_helpers
from tests.helpers import assert_error


def catalogue(conn: psycopg.Connection):
    """user_tables() outside a request (it runs a named statement, which needs an app)."""
    with create_app({"DATABASE_URL": "postgresql:///unused", "APP_ENV": "test"}).app_context():
        return user_tables(conn)


def fill(client, conn: psycopg.Connection, account) -> None:
    """Rows for `account` in several schemas: through the API where it is the natural path
    (clinical, habits: these also write the access log and the family tables), directly for
    Garmin rows (an activity with its heart-rate samples, a child table without customer_id)."""
    clinical_helpers.create_patient(client, account)
    family = habits_helpers.create_family(client, account, name=f"Family {account.customer_id}")
    assert family
    habits_helpers.create_habit(client, account)
    cid = account.customer_id
    conn.execute(
        "INSERT INTO aiapp.prompts (customer_id, title, prompt) VALUES (%s, 'T', 'P')", (cid,)
    )
    conn.execute(
        "INSERT INTO aiapp.activities (activity_id, customer_id, calendar_date)"
        " VALUES (%s, %s, '2026-11-01')",
        (cid * 1000, cid),
    )
    conn.execute(
        "INSERT INTO aiapp.heart_rate_samples (activity_id, sample_time, heart_rate,"
        " elapsed_seconds) SELECT %s, timestamptz '2026-11-01 07:00Z' + make_interval(secs => s),"
        " 120 + s %% 30, s FROM generate_series(0, 299) AS s",
        (cid * 1000,),
    )


def owned_counts(conn: psycopg.Connection, customer_id: int) -> dict[str, int]:
    """Rows per catalogue table that belong to customer_id (by column or through a parent)."""
    counts = {}
    for table in catalogue(conn):
        cur = conn.execute(table.count_query(), {"customer_id": customer_id})
        counts[table.name] = cur.fetchone()["n"]
    return counts


def test_export_streams_a_zip_of_the_users_rows_with_a_manifest(client, conn, alice, bob):
    fill(client, conn, alice)
    fill(client, conn, bob)
    response = client.get("/api/v1/auth/me/export", headers=alice.headers)
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.is_streamed
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["customer_id"] == alice.customer_id
    tables = manifest["tables"]
    expected = owned_counts(conn, alice.customer_id)
    assert {name: entry["rows"] for name, entry in tables.items()} == expected
    assert tables["aiapp.heart_rate_samples"]["rows"] == 300
    assert tables["clinical.patients"]["rows"] == 1
    assert tables["habits.families"]["rows"] == 1
    users = list(csv.DictReader(io.StringIO(archive.read("aiapp/users.csv").decode())))
    assert [u["email"] for u in users] == [alice.email]
    assert "password_hash" not in users[0]
    tokens = archive.read("aiapp/auth_tokens.csv").decode()
    assert "token_hash" not in tokens.splitlines()[0]
    samples = list(
        csv.DictReader(io.StringIO(archive.read("aiapp/heart_rate_samples.csv").decode()))
    )
    assert {s["activity_id"] for s in samples} == {str(alice.customer_id * 1000)}
    families = archive.read("habits/families.csv").decode()
    assert f"Family {alice.customer_id}" in families
    assert f"Family {bob.customer_id}" not in families


def test_export_needs_a_token_and_an_admin_may_export_another_user(client, conn, alice, admin):
    assert_error(client.get("/api/v1/auth/me/export"), 401)
    assert_error(
        client.get(f"/api/v1/auth/admin/users/{admin.customer_id}/export", headers=alice.headers),
        403,
    )
    assert_error(client.get("/api/v1/auth/admin/users/999999/export", headers=admin.headers), 404)
    response = client.get(
        f"/api/v1/auth/admin/users/{alice.customer_id}/export", headers=admin.headers
    )
    assert response.status_code == 200
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(response.get_data())).read("manifest.json"))
    assert manifest["customer_id"] == alice.customer_id
    audit = conn.execute(
        "SELECT actor_customer_id, target_customer_id, action FROM aiapp.admin_audit"
    ).fetchall()
    assert audit == [
        {
            "actor_customer_id": admin.customer_id,
            "target_customer_id": alice.customer_id,
            "action": "export",
        }
    ]


def test_erasure_removes_every_row_keeps_others_and_pseudonymises_the_access_log(
    client, conn, alice, bob, admin
):
    fill(client, conn, alice)
    fill(client, conn, bob)
    # An admin reading alice's patient list leaves access log rows naming both.
    assert (
        client.get(
            "/api/v1/clinical/patients",
            headers=admin.headers,
            query_string={"customer_id": alice.customer_id},
        ).status_code
        == 200
    )
    before = owned_counts(conn, alice.customer_id)
    bob_before = owned_counts(conn, bob.customer_id)
    logged = conn.execute(
        "SELECT count(*) AS n FROM clinical.access_log"
        " WHERE %s IN (customer_id, token_customer_id)",
        (alice.customer_id,),
    ).fetchone()["n"]
    assert logged >= 2

    wrong = client.delete("/api/v1/auth/me", headers=alice.headers, json={"password": "nope"})
    assert_error(wrong, 422, "password")
    assert_error(client.delete("/api/v1/auth/me", headers=alice.headers, json={}), 400, "password")
    erased = client.delete(
        "/api/v1/auth/me", headers=alice.headers, json={"password": alice.password}
    )
    assert erased.status_code == 200, erased.json
    data = erased.json["data"]
    assert data["customer_id"] == alice.customer_id
    assert data["pseudonymised"]["clinical.access_log"] == logged
    assert data["removed"]["clinical.access_log"] == 0
    for name, n in before.items():
        if name != "clinical.access_log":
            assert data["removed"][name] == n, name
    assert data["removed"]["aiapp.heart_rate_samples"] == 300
    assert data["total_removed"] == sum(data["removed"].values())

    after = owned_counts(conn, alice.customer_id)
    assert set(after.values()) == {0}
    assert owned_counts(conn, bob.customer_id) == bob_before
    kept = conn.execute(
        "SELECT count(*) AS n FROM clinical.access_log WHERE customer_pseudonym IS NOT NULL"
    ).fetchone()["n"]
    assert kept == logged
    # The token died with the account.
    assert_error(client.get("/api/v1/auth/me", headers=alice.headers), 401)
    # The access log is still append-only for the app's role and for the owner outside erasure.
    try:
        conn.execute("UPDATE clinical.access_log SET customer_pseudonym = gen_random_uuid()")
    except psycopg.errors.InsufficientPrivilege:
        pass
    else:
        raise AssertionError("access_log accepted an UPDATE outside erasure")


def test_admin_erases_another_user_and_it_is_audited(client, conn, alice, admin):
    fill(client, conn, alice)
    assert_error(
        client.delete(f"/api/v1/auth/admin/users/{admin.customer_id}", headers=admin.headers), 409
    )
    assert_error(client.delete("/api/v1/auth/admin/users/999999", headers=admin.headers), 404)
    erased = client.delete(f"/api/v1/auth/admin/users/{alice.customer_id}", headers=admin.headers)
    assert erased.status_code == 200, erased.json
    assert erased.json["data"]["removed"]["aiapp.users"] == 1
    assert (
        conn.execute(
            "SELECT count(*) AS n FROM aiapp.users WHERE customer_id = %s", (alice.customer_id,)
        ).fetchone()["n"]
        == 0
    )
    row = conn.execute("SELECT action, detail FROM aiapp.admin_audit").fetchone()
    assert row["action"] == "erase"
    assert row["detail"]["total_removed"] == erased.json["data"]["total_removed"]


def test_every_app_table_is_reached_by_export_or_declared_shared(conn):
    """A new table must be the user's (customer_id, or a child of such a table) or be named
    here as holding no one's personal rows; otherwise export and erasure would miss it."""
    shared = {
        "aiapp.login_failures",
        "aiapp.admin_audit",
        "ufc.fighters",
        "clinical.alert_transitions",
    }
    reached = {t.name for t in catalogue(conn)}
    every = {
        row["name"]
        for row in conn.execute(
            sql.SQL(
                "SELECT n.nspname || '.' || c.relname AS name FROM pg_class AS c"
                " JOIN pg_namespace AS n ON n.oid = c.relnamespace"
                " WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
            ),
            (list(APP_SCHEMAS),),
        )
    }
    assert every - reached == shared
