"""The round trip of a unit of work: prelude, deferred statements and one statement, pipelined,
with a first batch that failed on its connection (not its statement) sent again once."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import psycopg
from psycopg_pool import ConnectionPool

from app.db.book import EXECUTED
from app.db.pools import get_pools
from app.sql import Query

log = logging.getLogger(__name__)
R = TypeVar("R")


@dataclass
class Deferred:
    """A statement whose answer a later statement's round trip can carry (the token check).

    `settle` receives its shaped result and may raise to refuse the request; it runs before
    the result of the statement it travelled with is handed to anybody."""

    query: Query
    params: dict[str, Any]
    settle: Callable[[Any], None]


@dataclass
class Unit:
    """A checked-out connection and what must travel ahead of its next statement."""

    pool: ConnectionPool
    conn: psycopg.Connection
    schema: str
    prelude: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    deferred: list[Deferred] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return bool(self.prelude or self.deferred)


def run_statement(conn: psycopg.Connection, query: Query, params: dict[str, Any] | None) -> Any:
    with conn.cursor() as cur:
        cur.execute(query.text, params or {})
        return shape(cur, query)


def shape(cur: psycopg.Cursor, query: Query) -> Any:
    EXECUTED.add(query.name)
    if query.cardinality == "none":
        return cur.rowcount
    if query.cardinality == "many":
        return cur.fetchall()
    row = cur.fetchone()
    if query.cardinality == "one":
        return row
    return None if row is None else next(iter(row.values()))


def timed(query: Query, run: Callable[[], R]) -> R:
    if not get_pools().settings.db_echo:
        return run()
    started = time.perf_counter()
    try:
        return run()
    finally:
        log.info(
            "sql",
            extra={"query": query.name, "ms": round((time.perf_counter() - started) * 1e3, 2)},
        )


def send_batch(held: Unit, query: Query | None, params: dict[str, Any] | None) -> Any:
    """One round trip: the unit's prelude (BEGIN ...), its deferred statements and `query`,
    pipelined. Deferred statements are settled before `query`'s result is shaped, and a
    deferred refusal (a revoked token) outranks `query`'s own error."""
    prelude, deferred = held.prelude, held.deferred
    held.prelude, held.deferred = [], []
    # Only a batch that opens the transaction may be sent again on a fresh connection.
    first_of_transaction = bool(prelude) and prelude[0][0] == "BEGIN"
    for attempt in (1, 2):
        conn = held.conn
        cursors: list[tuple[Deferred, psycopg.Cursor]] = []
        cursor = None if query is None else conn.cursor()
        try:
            with conn.pipeline():
                for text, args in prelude:
                    conn.execute(text, args)
                for item in deferred:
                    cursors.append((item, conn.cursor()))
                    cursors[-1][1].execute(item.query.text, item.params)
                if cursor is not None:
                    cursor.execute(query.text, params or {})
        except psycopg.OperationalError as error:
            if attempt == 1 and first_of_transaction and _connection_lost(conn, error):
                _replace_broken(held)
                continue
            _settle_deferred(cursors, after_error=True)
            raise
        except psycopg.Error:
            _settle_deferred(cursors, after_error=True)
            raise
        _settle_deferred(cursors, after_error=False)
        if cursor is None or query is None:
            return None
        with cursor:
            return timed(query, lambda: shape(cursor, query))  # noqa: B023
    raise AssertionError("unreachable")


def _connection_lost(conn: psycopg.Connection, error: psycopg.OperationalError) -> bool:
    """The connection, not the statement, failed: libpq saw it close, or the error carries no
    SQLSTATE (client side, e.g. libpq's "cannot exit pipeline mode while busy" when a pooler
    drops its server mid-batch before the socket reads as closed) or a class-08 one (connection
    exception). A statement timeout or a lock failure is an OperationalError too, with its own
    SQLSTATE: sending it again would only repeat it."""
    return conn.broken or error.sqlstate is None or error.sqlstate.startswith("08")


def _replace_broken(held: Unit) -> None:
    """A connection the server dropped (restart, idle timeout): the pool discards it, checks
    its other idle connections (they most likely went the same way) and lends a fresh one."""
    log.warning("replacing a broken connection of pool %s", held.pool.name)
    # Closed first: one that libpq does not yet see as broken would go back to the pool.
    held.conn.close()
    held.pool.putconn(held.conn)
    held.pool.check()
    held.conn = held.pool.getconn()


def _settle_deferred(cursors: list[tuple[Deferred, psycopg.Cursor]], after_error: bool) -> None:
    for item, cur in cursors:
        with cur:
            if after_error and cur.pgresult is None:
                continue  # the pipeline stopped before this statement ran
            item.settle(shape(cur, item.query))
