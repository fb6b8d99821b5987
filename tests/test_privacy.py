"""Export and erasure of a user's data (issue 15, points 1 and 2)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from random import Random

import psycopg
from psycopg import sql

from app import create_app
from app.auth.privacy import APP_SCHEMAS, user_tables
from app.seed.cli import seed_user
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
    # Samples are per user and monthly-partitioned (issue 17): the month is made sure of first.
    conn.execute(
        "SELECT aiapp.ensure_hr_partitions('aiapp', '2026-11-01 07:00Z', '2026-11-01 07:05Z')"
    )
    conn.execute(
        "INSERT INTO aiapp.heart_rate_samples (customer_id, activity_id, sample_time, heart_rate,"
        " elapsed_seconds) SELECT %s, %s, timestamptz '2026-11-01 07:00Z'"
        " + make_interval(secs => s), 120 + s %% 30, s FROM generate_series(0, 299) AS s",
        (cid, cid * 1000),
    )


def owned_counts(
    conn: psycopg.Connection, customer_id: int, erasing: bool = False
) -> dict[str, int]:
    """Rows per catalogue table that belong to customer_id (by column or through a parent):
    what an export shows, or what an erasure deletes."""
    counts = {}
    for table in catalogue(conn):
        cur = conn.execute(table.count_query(erasing), {"customer_id": customer_id})
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
    acting = client.get(
        "/api/v1/auth/me/export",
        headers=admin.headers,
        query_string={"customer_id": alice.customer_id},
    )
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(acting.get_data())).read("manifest.json"))
    assert manifest["customer_id"] == alice.customer_id
    audit = conn.execute(
        "SELECT actor_customer_id, target_customer_id, action FROM aiapp.admin_audit"
        " ORDER BY audit_id"
    ).fetchall()
    assert audit == 2 * [
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


def fill_everything(app, client, conn: psycopg.Connection, account) -> None:
    """At least one row for `account` in every table the catalogue says holds a user's rows:
    the API and the Garmin sample seed where they reach, direct inserts for the rest, and the
    non-production Garmin rows copied into the production schema (same tables)."""
    cid = account.customer_id
    fill(client, conn, account)
    with app.app_context():
        sample = Random(cid)  # noqa: S311 - reproducible sample numbers, not secrets
        seed_user({"customer_id": cid, "email": account.email}, date(2026, 11, 30), 14, sample)
    habit = habits_helpers.create_habit(client, account, name="Stretch")
    assert habits_helpers.log_day(client, account, habit["habit_id"], "2026-11-29").status_code in (
        200,
        201,
    )
    # An invitation the user sent: theirs through invited_by (migration 0026).
    family_id = habits_helpers.create_family(client, account, "Invites")
    sent = client.post(
        f"{habits_helpers.API}/families/{family_id}/invitations",
        headers=account.headers,
        json={"email": f"friend-{cid}@example.com"},
    )
    assert sent.status_code == 201, sent.json
    activity = conn.execute(
        "SELECT activity_id FROM aiapp_nonprod.activities WHERE customer_id = %s LIMIT 1", (cid,)
    ).fetchone()["activity_id"]
    statements = [
        "INSERT INTO aiapp_nonprod.activity_gps (activity_id, customer_id, calendar_date, gps_data)"
        " VALUES (%(a)s, %(c)s, '2026-11-20', '[]')",
        "INSERT INTO aiapp_nonprod.activity_laps (customer_id, activity_id, lap_index, start_time,"
        " end_time) VALUES (%(c)s, %(a)s, 0, '2026-11-20 07:00Z', '2026-11-20 07:10Z')",
        "INSERT INTO aiapp_nonprod.ai_analysis_cache (customer_id, content_hash, analysis_type,"
        " response_text, expires_at) VALUES (%(c)s, 'abcdef0123456789', 'weekly_summary', 'ok',"
        " now() + interval '1 day')",
        "INSERT INTO aiapp_nonprod.daily_health_events (customer_id, calendar_date)"
        " VALUES (%(c)s, '2026-11-20')",
        "INSERT INTO aiapp_nonprod.endurance_score (customer_id, calendar_date)"
        " VALUES (%(c)s, '2026-11-20')",
        "INSERT INTO aiapp_nonprod.fit_files (customer_id, activity_id, file_identity,"
        " content_sha256, size_bytes, record_count, hr_record_count, gps_point_count)"
        " VALUES (%(c)s, %(a)s, 'f', sha256('x'), 1, 0, 0, 0)",
        "INSERT INTO aiapp_nonprod.hrv_readings (customer_id, reading_date, reading_time,"
        " reading_type) VALUES (%(c)s, '2026-11-20', '2026-11-20 06:00Z', 'morning')",
        "INSERT INTO aiapp_nonprod.max_metrics (customer_id, calendar_date)"
        " VALUES (%(c)s, '2026-11-20')",
        "INSERT INTO aiapp_nonprod.sync_history (customer_id, sync_type) VALUES (%(c)s, 'full')",
        "INSERT INTO aiapp_nonprod.training_readiness (customer_id, calendar_date)"
        " VALUES (%(c)s, '2026-11-20')",
        "WITH g AS (INSERT INTO aiapp.chat_groups (customer_id, mode) VALUES (%(c)s, 'explicit')"
        " RETURNING group_id)"
        " INSERT INTO aiapp.chat_group_members (customer_id, group_id, agent_name, position)"
        " SELECT %(c)s, group_id, 'sherlock', 0 FROM g",
        "WITH s AS (INSERT INTO aiapp.chat_sessions (customer_id) VALUES (%(c)s)"
        " RETURNING session_id), m AS (INSERT INTO aiapp.chat_messages (session_id, customer_id,"
        " sender) SELECT session_id, %(c)s, 'User' FROM s)"
        " INSERT INTO aiapp.session_summaries (session_id, customer_id, summary, message_count,"
        " first_message_date, last_message_date, summary_model)"
        " SELECT session_id, %(c)s, 'sum', 1, now(), now(), 'm' FROM s",
        "WITH d AS (INSERT INTO blood.test_definitions (category, test_name, customer_id)"
        " VALUES ('Own', 'Own test ' || %(c)s, %(c)s) RETURNING id),"
        " k AS (INSERT INTO blood.definition_keys (owner_id, match_key, test_definition_id)"
        " SELECT %(c)s, 'own test ' || %(c)s, id FROM d),"
        " u AS (INSERT INTO blood.unit_conversions (test_definition_id, unit, factor)"
        " SELECT id, 'mg', 2 FROM d)"
        " INSERT INTO blood.blood_tests (customer_id, test_definition_id, test_date, result_value)"
        " SELECT %(c)s, id, '2026-11-01', '5' FROM d",
        "WITH p AS (SELECT patient_id FROM clinical.patients WHERE customer_id = %(c)s),"
        " t AS (INSERT INTO clinical.digital_twins (customer_id, patient_id, type, name)"
        " SELECT %(c)s, patient_id, 'integrated', 'Twin' FROM p),"
        " b AS (INSERT INTO clinical.biometrics (customer_id, patient_id, type, recorded_at,"
        " value) SELECT %(c)s, patient_id, 'weight', now(), '{\"kg\": 70}' FROM p)"
        " INSERT INTO clinical.alerts (customer_id, patient_id, type, message)"
        " SELECT %(c)s, patient_id, 'other', 'hi' FROM p",
        "WITH r AS (INSERT INTO habits.routines (customer_id, created_at, updated_at)"
        " VALUES (%(c)s, now(), now()) RETURNING routine_id)"
        " INSERT INTO habits.routine_versions (routine_id, version, name, time_of_day, habit_ids,"
        " effective_from, created_at, updated_at)"
        " SELECT routine_id, 1, 'Morning', 'morning', ARRAY[%(h)s::uuid], now(), now(), now()"
        " FROM r",
        "WITH f AS (INSERT INTO ufc.fighters (name, ufc_url) VALUES ('Fighter ' || %(c)s,"
        " 'https://ufc.example/' || %(c)s) RETURNING id)"
        " INSERT INTO ufc.subscriptions (customer_id, fighter_id) SELECT %(c)s, id FROM f",
        "INSERT INTO ufc.fighter_candidates (customer_id, full_name) VALUES (%(c)s, 'Candidate')",
        "INSERT INTO aiapp.health_reads (customer_id, reader_customer_id, dataset, route)"
        " VALUES (%(c)s, %(c)s, 'garmin', '/api/v1/garmin/sleep')",
    ]
    for statement in statements:
        conn.execute(statement, {"c": cid, "a": activity, "h": habit["habit_id"]})
    twin = conn.execute(
        "SELECT twin_id, patient_id, version FROM clinical.digital_twins AS t"
        " JOIN clinical.patients AS p USING (patient_id) WHERE p.customer_id = %s",
        (cid,),
    ).fetchone()
    conn.execute(
        "INSERT INTO clinical.interaction_log (customer_id, token_customer_id, patient_id,"
        " twin_id, twin_version, actor, interaction_type, occurred_at, request_id)"
        " VALUES (%s, %s, %s, %s, %s, 'clinician', 'review', now(), 'r1')",
        (cid, cid, twin["patient_id"], twin["twin_id"], twin["version"]),
    )
    # The production Garmin tables hold the same shapes: copy the user's rows across, with
    # foreign keys unchecked for the copy (parents and children arrive in catalogue order).
    conn.execute("SET session_replication_role = replica")
    try:
        generated = {
            (row["table"], row["column"])
            for row in conn.execute(
                "SELECT attrelid::regclass::text AS table, attname AS column FROM pg_attribute"
                " WHERE attgenerated <> '' AND attrelid::regclass::text LIKE 'aiapp_nonprod.%%'"
            )
        }
        for table in catalogue(conn):
            if table.schema != "aiapp_nonprod":
                continue
            copied = [c for c in table.columns if (table.name, c) not in generated]
            columns = sql.SQL(", ").join(map(sql.Identifier, copied))
            conn.execute(
                sql.SQL(
                    "INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE SELECT {} FROM {} AS t"
                    " WHERE {} ON CONFLICT DO NOTHING"
                ).format(
                    sql.Identifier("aiapp", table.table),
                    columns,
                    sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(c)) for c in copied),
                    sql.Identifier(table.schema, table.table),
                    table.owner_filter(),
                ),
                {"customer_id": cid},
            )
    finally:
        conn.execute("SET session_replication_role = origin")


def test_erasure_of_a_user_with_rows_in_every_table(app, client, conn, alice, bob):
    """Every per-user table the catalogue names gets rows for alice and bob; erasing alice
    leaves none of hers in any of them and every one of bob's."""
    fill_everything(app, client, conn, alice)
    fill_everything(app, client, conn, bob)
    before = owned_counts(conn, alice.customer_id, erasing=True)
    assert sorted(name for name, n in before.items() if n == 0) == []
    bob_before = owned_counts(conn, bob.customer_id)
    assert sorted(name for name, n in bob_before.items() if n == 0) == []
    erased = client.delete(
        "/api/v1/auth/me", headers=alice.headers, json={"password": alice.password}
    )
    assert erased.status_code == 200, erased.json
    removed = erased.json["data"]["removed"]
    assert set(removed) == set(before)
    for name, n in before.items():
        if name != "clinical.access_log":
            assert removed[name] == n, name
    assert set(owned_counts(conn, alice.customer_id).values()) == {0}
    assert owned_counts(conn, bob.customer_id) == bob_before
    print("erasure counts of a full user:", json.dumps(erased.json["data"], sort_keys=True))


def test_shared_family_rows_are_exported_to_members_and_kept_when_one_leaves(
    client, conn, alice, bob
):
    """A family habit belongs to the family: every member's export shows it; erasing a member
    keeps it for the others, while a family the erased user alone belonged to goes with them."""
    shared = habits_helpers.create_family(client, bob, name="Shared")
    habits_helpers.join(client, shared, bob, alice)
    habits_helpers.create_habit(client, bob, name="Family walk", family_id=shared)
    own = habits_helpers.create_family(client, alice, name="Alone")
    habits_helpers.create_habit(client, alice, name="Solo swim", family_id=own)

    archive = zipfile.ZipFile(
        io.BytesIO(client.get("/api/v1/auth/me/export", headers=alice.headers).get_data())
    )
    habits = archive.read("habits/habits.csv").decode()
    assert "Family walk" in habits
    assert "Solo swim" in habits
    families = archive.read("habits/families.csv").decode()
    assert "Shared" in families
    assert "Alone" in families

    erased = client.delete(
        "/api/v1/auth/me", headers=alice.headers, json={"password": alice.password}
    )
    assert erased.status_code == 200, erased.json
    removed = erased.json["data"]["removed"]
    assert removed["habits.families"] == 1
    assert removed["habits.habits"] == 1
    assert removed["habits.family_memberships"] == 2
    names = [r["name"] for r in conn.execute("SELECT name FROM habits.habits ORDER BY name")]
    assert names == ["Family walk"]
    kept = conn.execute("SELECT name FROM habits.families").fetchall()
    assert kept == [{"name": "Shared"}]


def test_the_last_live_owner_erases_a_family_a_removed_member_once_belonged_to(
    client, conn, alice, bob
):
    """A removed member's row is history, not a member: erasing the family's last live member
    takes the family with them (it had blocked the erasure with a 409 from the owner-keeping
    trigger), and the counts say what went."""
    family = habits_helpers.create_family(client, alice, name="Once shared")
    habits_helpers.join(client, family, alice, bob)
    habits_helpers.create_habit(client, alice, name="Stretch", family_id=family)
    removed = client.delete(
        f"{habits_helpers.API}/families/{family}/members/{bob.customer_id}",
        headers=alice.headers,
    )
    assert removed.status_code == 200, removed.json
    erased = client.delete(
        "/api/v1/auth/me", headers=alice.headers, json={"password": alice.password}
    )
    assert erased.status_code == 200, erased.json
    counts = erased.json["data"]["removed"]
    assert counts["habits.families"] == 1
    assert counts["habits.habits"] == 1
    assert conn.execute("SELECT count(*) AS n FROM habits.families").fetchone()["n"] == 0
    assert (
        conn.execute(
            "SELECT count(*) AS n FROM aiapp.users WHERE customer_id = %s", (bob.customer_id,)
        ).fetchone()["n"]
        == 1
    )
