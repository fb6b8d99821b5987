"""Citus-ready keys, read from pg_catalog: every table of every app schema is either per-user
(its rows belong to one user: a customer_id column, or a foreign-key path to aiapp.users) or
listed below as a reference table, so a new table cannot be forgotten.

A per-user table must be one Citus could distribute by customer_id and join co-located:
customer_id NOT NULL and first in the primary key, in every unique constraint and unique index,
and on both sides of every foreign key to another per-user table. A reference table would be
replicated to every node, so it may reference only other reference tables. Partitions are
judged by their partitioned parent, whose keys they inherit.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import psycopg
import pytest
from psycopg.rows import dict_row
from yoyo import read_migrations

from app import migrations
from app.auth.privacy import APP_SCHEMAS
from app.db import BOOK

# Not per-user, and why (README.md, "Citus-ready keys", says the same to a reader).
REFERENCE_TABLES = {
    "aiapp.users": "the tenant directory: keyed by customer_id, but email and username are "
    "unique across users because login finds the account before anyone is known",
    "aiapp.login_failures": "failed-login counters per email or address, written before a "
    "user is known",
    "aiapp.admin_audit": "the operators' log across users; it names ids without foreign keys "
    "so that it outlives the users it names",
    "clinical.access_log": "append-only audit trail: an erased user's rows keep a pseudonym "
    "and a NULL customer_id, so customer_id cannot key it",
    "clinical.alert_transitions": "the allowed alert status changes (lookup data)",
    "ufc.fighters": "the fighter catalogue every user reads and subscribes to",
    "blood.test_definitions": "the test catalogue; a user's own tests sit beside it "
    "(customer_id set) because an admin promotes one into the catalogue in place",
    "blood.definition_keys": "the catalogue's name, alias and LOINC keys",
    "blood.unit_conversions": "the catalogue's unit factors",
    "habits.families": "a family belongs to all its members, none of them alone",
    "habits.habits": "a habit belongs to one user or to a family that several users share",
    "habits.routines": "a routine belongs to one user or to a family that several users share",
    "habits.routine_versions": "the versions of a routine, owned as the routine is",
    "habits.family_invitations": "a family's invitations, addressed to an email that no "
    "user may have yet",
}


@dataclass
class Table:
    name: str
    customer_id: int | None  # attnum of customer_id, None when there is none
    customer_id_not_null: bool
    primary_key: list[int] | None
    unique_keys: dict[str, list[int]] = field(default_factory=dict)  # index name -> attnums
    # constraint name -> (parent table, child attnums, parent attnums)
    references: dict[str, tuple[str, list[int], list[int]]] = field(default_factory=dict)


CATALOGUE = """
SELECT
    c.oid::regclass::text AS name,
    n.nspname AS schema_name,
    a.attnum AS customer_id,
    coalesce(a.attnotnull, FALSE) AS customer_id_not_null,
    (
        SELECT i.indkey::int2[]::int[] FROM pg_index AS i
        WHERE i.indrelid = c.oid AND i.indisprimary
    ) AS primary_key,
    coalesce((
        SELECT json_object_agg(x.indexrelid::regclass::text, x.indkey::int2[]::int[])
        FROM pg_index AS x
        WHERE x.indrelid = c.oid AND x.indisunique AND NOT x.indisprimary
    ), '{}') AS unique_keys,
    coalesce((
        SELECT json_object_agg(k.conname, json_build_array(
            k.confrelid::regclass::text, k.conkey::int[], k.confkey::int[]
        ))
        FROM pg_constraint AS k
        WHERE k.conrelid = c.oid AND k.contype = 'f'
    ), '{}') AS references_
FROM pg_class AS c
INNER JOIN pg_namespace AS n ON c.relnamespace = n.oid
LEFT JOIN pg_attribute AS a
    ON a.attrelid = c.oid AND a.attname = 'customer_id' AND NOT a.attisdropped
WHERE n.nspname = any(%(schemas)s) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
"""


def read_catalogue(conn: psycopg.Connection) -> dict[str, tuple[str, Table]]:
    """Every table of the app schemas (partitions left out), by regclass name, with its schema."""
    tables: dict[str, tuple[str, Table]] = {}
    for row in conn.execute(CATALOGUE, {"schemas": list(APP_SCHEMAS)}):
        table = Table(
            row["name"],
            row["customer_id"],
            row["customer_id_not_null"],
            row["primary_key"],
            dict(row["unique_keys"]),
            {name: (ref[0], ref[1], ref[2]) for name, ref in row["references_"].items()},
        )
        tables[table.name] = (row["schema_name"], table)
    return tables


def per_user_tables(tables: dict[str, Table]) -> set[str]:
    """Tables with a customer_id column, and those that reach one (or users) by foreign keys."""
    owned = {name for name, t in tables.items() if t.customer_id is not None}
    owned.add("aiapp.users")
    changed = True
    while changed:
        changed = False
        for name, table in tables.items():
            if name not in owned and any(p in owned for p, _, _ in table.references.values()):
                owned.add(name)
                changed = True
    return owned


def key_problems(tables: dict[str, Table], schema_of: dict[str, str], schema: str) -> list[str]:
    """What keeps the tables of `schema` from being distributed by customer_id (or, for a
    reference table, replicated), one sentence per problem."""
    per_user = per_user_tables(tables)
    distributed = per_user - REFERENCE_TABLES.keys()
    problems = []
    for name, table in sorted(tables.items()):
        if schema_of[name] != schema:
            continue
        if name in REFERENCE_TABLES:
            for constraint, (parent, _, _) in table.references.items():
                if parent in distributed:
                    problems.append(f"{name}: reference table, but {constraint} -> {parent}")
            continue
        if name not in per_user:
            problems.append(f"{name}: neither per-user nor listed in REFERENCE_TABLES")
            continue
        cid = table.customer_id
        if cid is None:
            problems.append(f"{name}: per-user (through a foreign key) without customer_id")
            continue
        if not table.customer_id_not_null:
            problems.append(f"{name}: customer_id may be NULL")
        if not table.primary_key or table.primary_key[0] != cid:
            problems.append(f"{name}: customer_id does not lead the primary key")
        for index, columns in sorted(table.unique_keys.items()):
            if cid not in columns:
                problems.append(f"{name}: unique {index} without customer_id")
        for constraint, (parent, child_cols, parent_cols) in sorted(table.references.items()):
            if parent not in distributed:
                continue
            parent_cid = tables[parent].customer_id
            if (cid, parent_cid) not in zip(child_cols, parent_cols, strict=True):
                problems.append(f"{name}: {constraint} -> {parent} is not by customer_id")
    return problems


def check(conn: psycopg.Connection, schema: str) -> list[str]:
    catalogue = read_catalogue(conn)
    tables = {name: table for name, (_, table) in catalogue.items()}
    return key_problems(tables, {name: s for name, (s, _) in catalogue.items()}, schema)


@pytest.mark.parametrize("schema", APP_SCHEMAS)
def test_every_table_is_distributable_by_customer_or_a_listed_reference_table(conn, schema):
    problems = check(conn, schema)
    assert problems == [], "\n".join(problems)


def test_every_listed_reference_table_exists(conn):
    assert REFERENCE_TABLES.keys() <= read_catalogue(conn).keys()


def test_the_check_finds_each_kind_of_forgotten_table(conn):
    conn.execute(
        """
        CREATE TABLE ufc.tickets (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id),
            code text UNIQUE
        );
        CREATE TABLE ufc.ticket_scans (
            scan_id bigint PRIMARY KEY,
            ticket_id bigint REFERENCES ufc.tickets (id)
        );
        CREATE TABLE ufc.venues (venue_id bigint PRIMARY KEY);
        CREATE TABLE ufc.good (
            customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id),
            id bigint NOT NULL,
            PRIMARY KEY (customer_id, id)
        );
        CREATE TABLE ufc.good_children (
            customer_id bigint NOT NULL,
            good_id bigint NOT NULL,
            other_id bigint NOT NULL,
            PRIMARY KEY (customer_id, good_id),
            CONSTRAINT own_fkey FOREIGN KEY (customer_id, good_id) REFERENCES ufc.good,
            CONSTRAINT crossed_fkey FOREIGN KEY (other_id, good_id) REFERENCES ufc.good
        );
        CREATE TABLE ufc.views (
            customer_id bigint NOT NULL,
            viewed_on date NOT NULL,
            PRIMARY KEY (customer_id, viewed_on)
        ) PARTITION BY RANGE (viewed_on);
        CREATE TABLE ufc.views_2026 PARTITION OF ufc.views
        FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
        """
    )
    problems = check(conn, "ufc")
    assert sorted(p for p in problems if p.startswith("ufc.")) == [
        "ufc.good_children: crossed_fkey -> ufc.good is not by customer_id",
        "ufc.ticket_scans: per-user (through a foreign key) without customer_id",
        "ufc.tickets: customer_id does not lead the primary key",
        "ufc.tickets: unique ufc.tickets_code_key without customer_id",
        "ufc.venues: neither per-user nor listed in REFERENCE_TABLES",
    ]


def test_a_reference_table_may_not_reference_a_per_user_table(conn):
    conn.execute(
        "ALTER TABLE ufc.fighters ADD COLUMN promoted_by bigint, ADD COLUMN promoted_sub bigint,"
        " ADD CONSTRAINT fighters_promoted_fkey FOREIGN KEY (promoted_by, promoted_sub)"
        " REFERENCES ufc.subscriptions (customer_id, id)"
    )
    assert check(conn, "ufc") == [
        "ufc.fighters: reference table, but fighters_promoted_fkey -> ufc.subscriptions"
    ]


# -- the statements: each per-user table is read through an index whose condition names
# customer_id, so a router could send the statement to one shard

PER_USER_FOLDERS = {  # the sql/ folder -> the schema its statements run in
    "auth": "aiapp",
    "chat": "aiapp",
    "privacy": "aiapp",
    "blood": "blood",
    "ufc": "ufc",
    "habits": "habits",
    "clinical": "clinical",
    "training": "aiapp_nonprod",
}
# Statements that read per-user rows across users by design, and why (README.md says which).
# The bearer token, found by its hash before its user is known, is read inside
# aiapp.resolve_token() (0019), where a plan of auth/select_token_user cannot see it:
# test_the_token_is_found_by_its_own_index checks that lookup.
ACROSS_USERS = {
    "blood/delete_definition": "an admin counts every user's results of a catalogue test",
    "habits/leave_family": "a family's remaining owners are counted through the family",
    "habits/select_family": "a family's members are read through the family",
    "habits/select_family_today": "a family's members and their logs are read through it",
    "habits/list_habit_logs": "a shared habit's logs are read through the habit",
    "habits/delete_habit_log": "a family admin changes a member's log",
    "habits/select_log_role": "a family admin changes a member's log",
    "habits/purge_deleted": "the purge removes every user's old soft-deleted rows",
    "privacy/delete_user": "an erased user's families are checked for other members",
    "ufc/claim_fighter_candidate": "the worker takes the oldest candidate of any user",
    "ufc/finish_fighter_candidate": "the worker finishes a candidate by its id",
    "training/purge_ai_cache": "the purge removes every user's expired cached answers",
}
# Statements that empty whole tables: no plan to check, and why.
WHOLE_TABLES = {
    "training/delete_all_garmin_rows": "`seed sample --reset` empties every Garmin table "
    "(refused in production)",
}
# Made up, but typed as the columns are: NULL keys would let the planner fold the scans away.
KEY_VALUES = {
    **dict.fromkeys(
        ("session_id", "group_id", "patient_id", "twin_id", "alert_id", "log_id", "habit_id"),
        uuid.UUID(int=1),
    ),
    **dict.fromkeys(("family_id", "routine_id", "membership_id"), uuid.UUID(int=1)),
    **dict.fromkeys(
        ("customer_id", "biometric_id", "message_id", "prompt_id", "token_id", "test_id"), 1
    ),
    **dict.fromkeys(("candidate_id", "fighter_id", "definition_id"), 1),
    "message_ids": [1],
    **dict.fromkeys(("plan_id", "workout_id", "activity_id", "sync_id", "reading_id"), 1),
    **dict.fromkeys(("start_date", "end_date", "calendar_date", "month"), date(2024, 6, 1)),
    **dict.fromkeys(("from_time", "to_time"), datetime(2024, 6, 1, tzinfo=UTC)),
    "activity_ids": [1],
    "content_hash": "ab" * 32,
    "days": 30,
    "row_limit": 50,
    "token_hash": bytes(32),
    "before_id": 1,
    # Switches on, so that the optional parts of a statement are planned too.
    **dict.fromkeys(
        (
            "include_messages",
            "include_session_metadata",
            "check_image_locations",
            "append_image_locations",
            "update_last_mod_time",
        ),
        True,
    ),
}
# Temporary tables that a statement reads, made first in the same transaction.
IMPORT_TABLES = {
    "blood": ("blood/create_import_table",),
    "ufc": ("ufc/create_fighter_import",),
    "training": ("training/create_hr_upload", "training/create_hr_seed"),
}


def per_user_statements() -> list[str]:
    return sorted(
        q.name
        for q in BOOK
        if q.name.split("/")[0] in PER_USER_FOLDERS
        and q.cardinality != "copy"
        and q.name not in WHOLE_TABLES
        # DDL (the import tables) has no plan.
        and not re.match(r"\s*(CREATE|DROP)\b", re.sub(r"--[^\n]*", "", q.text))
    )


def unrouted_scans(node: dict, tables: set[str]) -> list[str]:
    """Scans of per-user tables whose index condition does not name customer_id."""
    found = []
    if node.get("Relation Name") in tables and node["Node Type"] != "ModifyTable":
        condition = node.get("Index Cond") or node.get("Recheck Cond") or ""
        if "customer_id" not in condition:
            found.append(f"{node['Node Type']} on {node['Relation Name']} ({condition})")
    for child in node.get("Plans", []):
        found += unrouted_scans(child, tables)
    return found


@pytest.mark.parametrize("name", per_user_statements())
def test_per_user_statements_filter_on_customer_id_through_an_index(conn, name):
    folder = name.split("/")[0]
    catalogue = read_catalogue(conn)
    tables = {n: t for n, (_, t) in catalogue.items()}
    distributed = {n.split(".")[1] for n in per_user_tables(tables) - REFERENCE_TABLES.keys()}
    text = BOOK[name].text
    params = {
        key: True if key.startswith("set_") else KEY_VALUES.get(key)
        for key in re.findall(r"%\((\w+)\)s", text)
    }
    with conn.transaction():
        conn.execute(f"SET LOCAL search_path = {PER_USER_FOLDERS[folder]}")
        # Priced out, a sequential scan shows only where no index can serve the statement.
        conn.execute("SET LOCAL enable_seqscan = off")
        for import_table in IMPORT_TABLES.get(folder, ()):
            conn.execute(BOOK[import_table].text)
        plan = conn.execute(f"EXPLAIN (FORMAT JSON) {text}", params).fetchone()["QUERY PLAN"]
        raise psycopg.Rollback
    scans = unrouted_scans(plan[0]["Plan"], distributed)
    if name in ACROSS_USERS:
        assert scans, f"{name} now filters on customer_id: take it out of ACROSS_USERS"
        assert not any(s.startswith("Seq Scan") for s in scans), scans
    else:
        assert scans == []


def test_the_token_is_found_by_its_own_index(conn):
    with conn.transaction():
        conn.execute("SET LOCAL enable_seqscan = off")
        plan = conn.execute(
            "EXPLAIN (FORMAT JSON) SELECT token_id FROM aiapp.auth_tokens WHERE token_hash = %s",
            (bytes(32),),
        ).fetchone()["QUERY PLAN"]
    assert "auth_tokens_token_hash_idx" in json.dumps(plan)


# -- the migration: rows written before 0018 get their owner from their parent, both ways

TENANT_KEYS = "0018.tenant_keys"
SEED_BEFORE_0018 = """
WITH u AS (
    INSERT INTO aiapp.users (email, password_hash)
    VALUES ('ann@example.com', '$2b$04$x'), ('bob@example.com', '$2b$04$y')
    RETURNING customer_id
),
g AS (
    INSERT INTO aiapp.chat_groups (customer_id, mode)
    SELECT customer_id, 'explicit' FROM u RETURNING group_id
),
m AS (
    INSERT INTO aiapp.chat_group_members (group_id, agent_name, position, role)
    SELECT group_id, agent, n, CASE n WHEN 0 THEN 'leader' ELSE 'member' END
    FROM g CROSS JOIN unnest(ARRAY['sherlock', 'watson']) WITH ORDINALITY AS a (agent, n)
),
p AS (
    INSERT INTO clinical.patients (
        customer_id, medical_record_number, first_name, last_name, date_of_birth
    )
    SELECT customer_id, 'MRN-1', 'Pat', 'Doe', '1980-01-01' FROM u RETURNING patient_id
),
t AS (
    INSERT INTO clinical.digital_twins (patient_id, type, name)
    SELECT patient_id, 'integrated', 'Twin' FROM p
),
b AS (
    INSERT INTO clinical.biometrics (patient_id, type, recorded_at, value)
    SELECT patient_id, 'weight', now(), '{"kg": 70}' FROM p
)
INSERT INTO clinical.alerts (patient_id, type, message) SELECT patient_id, 'other', 'hi' FROM p
"""
CHILD_OWNERS = """
SELECT count(*) AS rows, count(*) FILTER (WHERE c.customer_id = p.customer_id) AS owned
FROM {child} AS c INNER JOIN {parent} AS p USING ({key})
"""
CHILDREN = {
    "aiapp.chat_group_members": ("aiapp.chat_groups", "group_id"),
    "clinical.digital_twins": ("clinical.patients", "patient_id"),
    "clinical.biometrics": ("clinical.patients", "patient_id"),
    "clinical.alerts": ("clinical.patients", "patient_id"),
}


@pytest.fixture
def scratch_url(pg_server, postgresql):
    name = "tenant_keys_data"
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    yield pg_server.url(name)
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def migrate(url: str, rollback: bool = False, only: str | None = None) -> None:
    """Apply every migration before 0018 (or, with `only`, that one alone), or roll it back."""
    found = read_migrations(str(migrations.MIGRATIONS_DIR))
    ids = migrations.migration_ids()
    chosen = {only} if only else set(ids[: ids.index(TENANT_KEYS)])
    with migrations._backend(url) as backend, backend.lock():
        if rollback:
            backend.rollback_migrations(backend.to_rollback(found).filter(lambda m: m.id in chosen))
        else:
            backend.apply_migrations(backend.to_apply(found).filter(lambda m: m.id in chosen))


def test_existing_children_get_their_parents_owner_and_keep_it_through_a_rollback(scratch_url):
    migrate(scratch_url)
    with psycopg.connect(scratch_url, autocommit=True, row_factory=dict_row) as conn:
        conn.execute(SEED_BEFORE_0018)
    migrate(scratch_url, only=TENANT_KEYS)
    with psycopg.connect(scratch_url, autocommit=True, row_factory=dict_row) as conn:
        for child, (parent, key) in CHILDREN.items():
            expected = 4 if child == "aiapp.chat_group_members" else 2
            counted = conn.execute(CHILD_OWNERS.format(child=child, parent=parent, key=key))
            assert counted.fetchone() == {"rows": expected, "owned": expected}, child
        # Group documents read members through the composite key and name columns one by one.
        members = conn.execute(
            "SELECT document -> 'members' AS members FROM aiapp.chat_group_documents LIMIT 1"
        ).fetchone()["members"]
        assert [sorted(m) for m in members] == [
            ["agent_name", "created_at", "last_response_at", "position", "role"]
        ] * 2
    migrate(scratch_url, rollback=True, only=TENANT_KEYS)
    with psycopg.connect(scratch_url, autocommit=True, row_factory=dict_row) as conn:
        kept = conn.execute(
            "SELECT (SELECT count(*) FROM aiapp.chat_group_members) AS members,"
            " (SELECT count(*) FROM clinical.alerts) AS alerts"
        ).fetchone()
        assert kept == {"members": 4, "alerts": 2}
