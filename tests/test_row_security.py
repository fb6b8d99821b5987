"""Row-level security as defence in depth (issue 15, point 3): a statement that forgets its
customer filter, run as storage_app, still sees only the acting user's rows; every per-user
table is covered, judged by its customer_id column in the catalogue."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from app import db
from tests.clinical_helpers import create_patient
from tests.helpers import assert_error

APP_SCHEMAS = ["aiapp", "aiapp_nonprod", "blood", "ufc", "habits", "clinical"]
# Tables whose policy is 0019's own rather than the generic customer_rows (family rows every
# member sees, the shared blood catalogue, a clinician's patients' access log, users a family
# shares): a plain count under the owner's setting is not the owner's count there.
SPECIAL = {
    "aiapp.users",
    "blood.test_definitions",
    "clinical.access_log",
    "habits.family_memberships",
    "habits.habits",
    "habits.habit_logs",
    "habits.routines",
}


def per_user_tables(conn: psycopg.Connection) -> list[dict]:
    return conn.execute(
        "SELECT c.oid, c.oid::regclass::text AS name, c.relrowsecurity, c.relforcerowsecurity,"
        " array(SELECT p.polname || ':' || array_to_string("
        "   array(SELECT r.rolname FROM pg_roles AS r WHERE r.oid = any(p.polroles)"
        "         ORDER BY r.rolname), ',')"
        "   FROM pg_policy AS p WHERE p.polrelid = c.oid ORDER BY p.polname) AS policies"
        " FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid"
        " WHERE c.relnamespace::regnamespace::text = any(%s) AND c.relkind IN ('r', 'p')"
        " AND a.attname = 'customer_id' AND NOT a.attisdropped ORDER BY 2",
        (APP_SCHEMAS,),
    ).fetchall()


def test_every_table_with_a_customer_id_has_rls_enabled_forced_and_its_policies(conn):
    tables = per_user_tables(conn)
    assert len(tables) >= 40  # every schema's per-user tables, not a vacuous pass
    generic = ["customer_rows:storage_app", "maintenance_bypass:storage_app"]
    # 0025, 0027: a family's memberships have a policy per command on top of the generic three.
    expected = {
        "habits.family_memberships": [
            "customer_rows:storage_app",
            "family_managers_update:storage_app",
            "family_rows:storage_app",
            "maintenance_bypass:storage_app",
            "member_changes_own:storage_app",
            "member_joins:storage_app",
        ]
    }
    wrong = [
        (t["name"], t["relrowsecurity"], t["relforcerowsecurity"], t["policies"])
        for t in tables
        if not (t["relrowsecurity"] and t["relforcerowsecurity"])
        or t["policies"] != [*expected.get(t["name"], generic), "owner_rows:storage_owner"]
    ]
    assert wrong == []


def test_a_table_created_later_is_covered_by_the_next_upgrade(conn, database_url):
    """post-apply.grants.sql judges by the column, so a table a later migration adds (or
    rebuilds) gets RLS and the policies when the upgrade's hook runs."""
    conn.execute("CREATE TABLE aiapp.later_rows (customer_id bigint NOT NULL, note text)")
    with open("migrations/post-apply.grants.sql") as hook:
        conn.execute(hook.read())
    later = [t for t in per_user_tables(conn) if t["name"] == "aiapp.later_rows"]
    assert later[0]["relrowsecurity"]
    assert later[0]["relforcerowsecurity"]
    assert len(later[0]["policies"]) == 3


def unfiltered_count(app, table: str, customer_id: int | None, bypass: str | None = None):
    """`SELECT count(*)` without any WHERE, as storage_app in a unit of work acting for
    `customer_id`, exactly as a request's first statement travels (BEGIN and the setting
    pipelined with it)."""
    with app.test_request_context("/"):
        if customer_id is not None or bypass is not None:
            db.set_row_security(customer_id, bypass=bypass)
        query = sql.SQL("SELECT count(*) AS n FROM {}").format(sql.Identifier(*table.split(".")))
        with db.connection("main").cursor() as cur:
            cur.execute(query)
            return cur.fetchone()["n"]


@pytest.fixture
def rows_of_two(client, conn, alice, bob):
    """Chat messages, sleep, blood results and clinical patients for alice (2 each) and bob (1)."""
    for account, n in ((alice, 2), (bob, 1)):
        for i in range(n):
            sent = client.post(
                "/api/v1/chat/messages",
                headers=account.headers,
                json={"customer_id": account.customer_id, "user_message": {"message": f"m{i}"}},
            )
            assert sent.status_code == 200, sent.json
            conn.execute(
                "INSERT INTO aiapp_nonprod.sleep_data (customer_id, calendar_date) VALUES (%s, %s)",
                (account.customer_id, f"2026-11-0{i + 1}"),
            )
            create_patient(client, account, medical_record_number=f"MRN-{i}")
    return {"alice": alice, "bob": bob}


TABLES = ["aiapp.chat_messages", "aiapp_nonprod.sleep_data", "clinical.patients"]


@pytest.mark.parametrize("table", TABLES)
def test_a_statement_without_its_customer_filter_sees_only_the_acting_users_rows(
    app, conn, rows_of_two, table
):
    alice, bob = rows_of_two["alice"], rows_of_two["bob"]
    total = conn.execute(
        sql.SQL("SELECT count(*) AS n FROM {}").format(sql.Identifier(*table.split(".")))
    ).fetchone()["n"]
    assert total >= 3
    mine = conn.execute(
        sql.SQL("SELECT count(*) AS n FROM {} WHERE customer_id = %s").format(
            sql.Identifier(*table.split("."))
        ),
        (alice.customer_id,),
    ).fetchone()["n"]
    assert 0 < mine < total
    assert unfiltered_count(app, table, alice.customer_id) == mine
    assert unfiltered_count(app, table, bob.customer_id) == total - mine
    # Nobody authenticated: no row, and no error (an unset setting is NULL, not a cast error).
    assert unfiltered_count(app, table, None) == 0
    # The named bypass sees everyone's.
    assert unfiltered_count(app, table, None, bypass="cli") == total


def test_every_generic_table_shows_an_unset_setting_nothing(app, conn, rows_of_two):
    """Every per-user table answers an unfiltered count with 0 when nobody is authenticated,
    even a table holding rows (users of a family, the shared catalogue aside)."""
    for table in per_user_tables(conn):
        if table["name"] in SPECIAL:
            continue
        assert unfiltered_count(app, table["name"], None) == 0, table["name"]


def test_a_write_for_another_user_is_refused_by_the_policy(app, rows_of_two):
    alice, bob = rows_of_two["alice"], rows_of_two["bob"]
    with app.test_request_context("/"):
        db.set_row_security(alice.customer_id)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.connection("main").execute(
                "INSERT INTO aiapp_nonprod.sleep_data (customer_id, calendar_date)"
                " VALUES (%s, '2026-10-01')",
                (bob.customer_id,),
            )
        db.rollback()


def test_the_setting_is_transaction_local_and_never_reaches_the_next_borrower(app, rows_of_two):
    """A pooled connection that served alice serves the next transaction with nothing set."""
    alice = rows_of_two["alice"]
    with app.test_request_context("/"):
        db.set_row_security(alice.customer_id)
        conn = db.connection("main")
        assert conn.execute("SELECT count(*) AS n FROM aiapp.chat_messages").fetchone()["n"] > 0
        db.commit()
        after = conn.execute(
            "SELECT current_setting('app.customer_id', true) AS id,"
            " (SELECT count(*) FROM aiapp.chat_messages) AS n"
        ).fetchone()
    assert after == {"id": "", "n": 0}


def test_an_admin_acting_for_a_user_sees_that_users_rows(client, admin, rows_of_two):
    alice = rows_of_two["alice"]
    listed = client.post(
        "/api/v1/chat/sessions/list",
        headers=admin.headers,
        json={"customer_id": alice.customer_id},
    )
    assert listed.status_code == 200, listed.json
    assert len(listed.json["data"]["sessions"]) == 2
    own = client.post("/api/v1/chat/sessions/list", headers=alice.headers, json={})
    assert len(own.json["data"]["sessions"]) == 2


def test_another_clinicians_patient_is_still_404(client, alice, bob):
    patient = create_patient(client, alice)
    assert_error(
        client.get(f"/api/v1/clinical/patients/{patient['patient_id']}", headers=bob.headers), 404
    )
