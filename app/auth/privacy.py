"""A person's data under their control: export everything a user owns, or erase it.

Which tables hold a user's rows is read from PostgreSQL's catalogue on each call
(privacy/list_user_tables), never listed by hand, so a table a later migration adds is
exported and erased without touching this module: a table with a customer_id column is the
user's by that column; a table without one is theirs through the parent it references
(heart-rate samples through their activity). Habit families, which belong to their members,
are reached through the user's memberships.

Both cover every app schema: every schema lives in the main database (app/database_identity.py
refuses a GARMIN_DB_URL, BLOOD_DB_URL, ... that reaches another one).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool

from app.db import run_on

APP_SCHEMAS = ("aiapp", "aiapp_nonprod", "blood", "ufc", "habits", "clinical")
# Secrets are not data the user gave us: exporting them would only widen what a leaked
# archive gives away.
REDACTED_COLUMNS = {
    "aiapp.users": {"password_hash", "password_reset_hash"},
    "aiapp.auth_tokens": {"token_hash"},
}
# How a family's rows are the user's: in an export, every family they are a live member of
# (what they see in the app and what row-level security shows them); in an erasure, the
# families they alone are a live member of (deleted with them, as sql/privacy/delete_user).
_MEMBER = (
    "EXISTS (SELECT FROM habits.family_memberships AS m"
    " WHERE m.family_id = {} AND m.customer_id = %(customer_id)s AND m.deleted_at IS NULL)"
)
_ALONE = (
    " AND NOT EXISTS (SELECT FROM habits.family_memberships AS o"
    " WHERE o.family_id = {} AND o.customer_id <> %(customer_id)s AND o.deleted_at IS NULL)"
)


@dataclass(frozen=True)
class UserTable:
    """One table holding a user's rows, and how a row is known to be theirs."""

    schema: str
    table: str
    columns: tuple[str, ...]
    parent: UserTable | None
    fk_columns: tuple[str, ...]
    parent_columns: tuple[str, ...]
    members_of: bool
    family_columns: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"

    def owner_filter(self, alias: str = "t", erasing: bool = False) -> sql.Composable:
        """The condition selecting the user's rows of this table (named `alias`): in an
        export, or what an erasure deletes (`erasing`)."""
        row = sql.Identifier(alias)
        if self.members_of:
            return _family(sql.SQL("{}.family_id").format(row), erasing)
        if self.parent is None:
            own = sql.SQL("{}.customer_id = %(customer_id)s").format(row)
            families = [
                _family(sql.SQL("{}.{}").format(row, sql.Identifier(column)), erasing)
                for column in self.family_columns
            ]
            return sql.SQL("({})").format(sql.SQL(" OR ").join([own, *families]))
        parent_alias = f"{alias}_parent"
        keys = sql.SQL(" AND ").join(
            sql.SQL("{}.{} = {}.{}").format(
                sql.Identifier(parent_alias), sql.Identifier(pc), row, sql.Identifier(fc)
            )
            for pc, fc in zip(self.parent_columns, self.fk_columns, strict=True)
        )
        return sql.SQL("EXISTS (SELECT FROM {} AS {} WHERE {} AND {})").format(
            sql.Identifier(self.parent.schema, self.parent.table),
            sql.Identifier(parent_alias),
            keys,
            self.parent.owner_filter(parent_alias, erasing),
        )

    def export_query(self) -> sql.Composed:
        """COPY of the user's rows as CSV with a header, columns in table order."""
        hidden = REDACTED_COLUMNS.get(self.name, set())
        columns = sql.SQL(", ").join(
            sql.SQL("t.{}").format(sql.Identifier(c)) for c in self.columns if c not in hidden
        )
        return sql.SQL(
            "COPY (SELECT {} FROM {} AS t WHERE {}) TO STDOUT WITH (FORMAT csv, HEADER)"
        ).format(columns, sql.Identifier(self.schema, self.table), self.owner_filter())

    def count_query(self, erasing: bool = False) -> sql.Composed:
        """How many rows an export shows, or an erasure deletes, as (table_name, n)."""
        return sql.SQL("SELECT {}::text AS table_name, count(*) AS n FROM {} AS t WHERE {}").format(
            sql.Literal(self.name),
            sql.Identifier(self.schema, self.table),
            self.owner_filter(erasing=erasing),
        )


def _family(column: sql.Composable, erasing: bool) -> sql.Composable:
    condition = sql.SQL(_MEMBER).format(column)
    return condition + sql.SQL(_ALONE).format(column) if erasing else condition


def user_tables(conn: psycopg.Connection) -> list[UserTable]:
    """Every table holding a user's rows, from the catalogue: owned tables first, so every
    child's parent is known when the child is read."""
    found: dict[tuple[str, str], UserTable] = {}
    for row in run_on(conn, "privacy/list_user_tables", {"schemas": list(APP_SCHEMAS)}):
        parent = None
        if row["parent_table"]:
            parent = found[(row["parent_schema"], row["parent_table"])]
        table = UserTable(
            row["schema_name"],
            row["table_name"],
            tuple(row["columns"]),
            parent,
            tuple(row["fk_columns"] or ()),
            tuple(row["parent_columns"] or ()),
            row["members_of"],
            tuple(row["family_columns"] or ()),
        )
        found[(table.schema, table.table)] = table
    return list(found.values())


class _Sink:
    """A write-only file for zipfile that hands over what was written: zipfile sees it cannot
    seek and writes each member's sizes after its data, so nothing is ever held whole."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """zipfile flushes after each member; there is nothing to flush to."""

    def drain(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def stream_export(pool: ConnectionPool, customer_id: int) -> Iterator[bytes]:
    """The zip of everything `customer_id` owns: <schema>/<table>.csv for each table holding
    their rows (header only where they have none) and manifest.json with the row counts.

    Runs on a connection of its own, after the request that asked for it has answered, in
    one REPEATABLE READ READ ONLY transaction so every file shows the same moment. Each
    table is one COPY ... TO STDOUT whose chunks are compressed and passed on as they arrive:
    memory stays bounded by a chunk, whatever the number of rows."""
    sink = _Sink()
    counts: dict[str, dict[str, Any]] = {}
    params = {"customer_id": customer_id}
    with pool.connection() as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            # A big export may outlast the request statement timeout; it reads, holds no locks
            # anyone waits on, and stops when the client goes away (the generator is closed).
            # Row-level security shows this connection the exported user's rows only, as the
            # request's own transactions (app.db.set_row_security).
            conn.execute(
                "SELECT set_config('statement_timeout', '0', true),"
                " set_config('app.customer_id', %s, true)",
                (str(customer_id),),
            )
            exported_at = datetime.now(UTC).isoformat()
            with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for table in user_tables(conn):
                    path = f"{table.schema}/{table.table}.csv"
                    with archive.open(path, "w", force_zip64=True) as member, conn.cursor() as cur:
                        with cur.copy(table.export_query(), params) as copy:
                            for chunk in copy:
                                member.write(chunk)
                                yield sink.drain()
                        counts[table.name] = {"file": path, "rows": cur.rowcount}
                    yield sink.drain()
                manifest = {
                    "customer_id": customer_id,
                    "exported_at": exported_at,
                    "format": "csv with a header row, one file per table",
                    "tables": counts,
                }
                archive.writestr("manifest.json", json.dumps(manifest, indent=2))
            yield sink.drain()
        finally:
            conn.execute("ROLLBACK")


def erase_user(conn: psycopg.Connection, customer_id: int) -> dict[str, Any]:
    """Erase a user in the caller's transaction (locked by the caller with privacy/lock_user):
    count their rows per table, pseudonymise the clinical access log, delete the user with
    everything that cascades from them. Returns the counts removed and pseudonymised."""
    params = {"customer_id": customer_id}
    tables = user_tables(conn)
    counted = sql.SQL(" UNION ALL ").join(t.count_query(erasing=True) for t in tables)
    with conn.cursor() as cur:
        cur.execute(counted, params)
        removed = {row["table_name"]: row["n"] for row in cur.fetchall()}
    pseudonymised: dict[str, int] = {}
    for log in run_on(conn, "privacy/erase_subject_logs", params):
        removed[log["table_name"]] = log["removed"]
        pseudonymised[log["table_name"]] = log["pseudonymised"]
    deleted = run_on(conn, "privacy/delete_user", params)
    removed["habits.families"] = deleted["families"]
    return {
        "customer_id": customer_id,
        "removed": dict(sorted(removed.items())),
        "pseudonymised": pseudonymised,
        "total_removed": sum(removed.values()),
    }
