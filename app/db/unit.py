"""One psycopg pool per (URL, schema), and the unit of work that owns a connection from it.

The first query of a request (or of a CLI command) borrows a connection from the pool of the
database its query module names (the blueprint's database for statements that name none) and
opens a transaction on it. The end of a request commits; an error
handler or an escaping exception rolls back; the connection goes back to the pool in every
case. Query functions never commit, so a multi-step mutation is atomic.

Round trips are the request's budget. Connections run in autocommit mode and the unit of work
writes its own BEGIN, so that BEGIN (with the transaction pooler's SET LOCALs, and a bearer
token check that app.auth defers here) travels in one pipeline with the first real statement:
a request that runs one statement costs two round trips, that batch and its COMMIT. No ping on
checkout: connections are recycled by age, and one found broken at the first batch of a
transaction (nothing can have been committed) is replaced and the batch sent again once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from flask import Flask, current_app, g, has_request_context, request

from app.config import DatabaseName, Settings
from app.db.book import BOOK, EXECUTED
from app.db.pipeline import Deferred, Unit, run_statement, send_batch, timed
from app.db.pools import Pools, get_pools
from app.db.row_security import ROW_SECURITY, RowSecurity, transaction_prelude
from app.sql import SqlFileError

log = logging.getLogger(__name__)
_IDLE = psycopg.pq.TransactionStatus.IDLE


def init_app(app: Flask, settings: Settings) -> Pools:
    pools = Pools(settings)
    app.extensions["db"] = pools
    # The request's commit is registered by app.http, which owns the answer a failed one gets.
    app.teardown_appcontext(_release)
    return pools


def current_database() -> DatabaseName:
    """The database of the unit of work: the blueprint's, or one set by unit_of_work()."""
    database = g.get("db_database")
    if database is None and has_request_context():
        blueprint = current_app.blueprints.get(request.blueprint or "")
        database = getattr(blueprint, "database", None)
    return database or "main"


def unit(database: DatabaseName | None = None) -> Unit:
    """The unit of work's connection to a database: checked out on first use, with BEGIN queued
    whenever no transaction is open (first use, or after a commit or rollback mid-request)."""
    pools = get_pools()
    database = database or current_database()
    key = pools.pool_key(database)
    units: dict[tuple[str, str], Unit] = g.setdefault("db_units", {})
    held = units.get(key)
    if held is None:
        pool = pools.pool(database)
        held = units[key] = Unit(pool, pool.getconn(), key[1])
    if not held.prelude and held.conn.info.transaction_status == _IDLE:
        held.prelude = transaction_prelude(held.schema, pools.settings, g.get("db_row_security"))
    return held


def set_row_security(customer_id: int | None = None, bypass: str | None = None) -> None:
    """Whose rows the request's transactions see from its next statement on: `customer_id`'s
    (the authenticated or acted-for user), or everyone's on a named bypass path. Costs no round
    trip: it is queued with the next statement of every open unit of work, and every
    transaction opened later starts with it."""
    row_security = RowSecurity(customer_id, bypass)
    if g.get("db_row_security") == row_security:
        return
    g.db_row_security = row_security
    statement = (f"SELECT {ROW_SECURITY}", row_security.settings())
    for held in g.get("db_units", {}).values():
        if held.prelude and held.prelude[-1][0] == statement[0]:
            held.prelude[-1] = statement  # not sent yet: the later setting replaces it
        # A transaction already open, or a BEGIN waiting to be sent; an idle connection gets
        # the setting with its next BEGIN (unit()).
        elif held.prelude or held.conn.info.transaction_status != _IDLE:
            held.prelude.append(statement)


def connection(database: DatabaseName | None = None) -> psycopg.Connection:
    """The unit of work's connection to a database, its transaction begun (for COPY and for
    statements that are not named SQL)."""
    held = unit(database)
    if held.pending:
        send_batch(held, None, None)
    return held.conn


def defer(
    name: str, params: dict[str, Any], settle: Callable[[Any], None], database: DatabaseName
) -> None:
    """Send a named statement with the next one of the unit of work, in the same round trip."""
    unit(database).deferred.append(Deferred(BOOK[name], params, settle))


def settle(database: DatabaseName | None = None) -> None:
    """Run what is deferred now, on one database's unit or all of them (a view that ran no
    query, an error answer that must not outrank a refused token)."""
    units: dict[tuple[str, str], Unit] = g.get("db_units", {})
    chosen = units.values() if database is None else [unit(database)]
    for held in list(chosen):
        if held.deferred:
            send_batch(held, None, None)


def users_database() -> DatabaseName:
    """Where aiapp.users is reached for this unit of work: its own connection when its database
    has the main URL (one checkout per request), else the main database's."""
    database = current_database()
    settings = get_pools().settings
    return database if settings.database_url(database) == settings.database_url("main") else "main"


def commit() -> None:
    """Commit what the unit of work did so far (a view rarely needs this; CLI commands do).
    A connection lost before or during COMMIT raises OperationalError: the work is not known
    to be stored, and the caller must say so."""
    for held in list(g.get("db_units", {}).values()):
        if held.deferred:
            send_batch(held, None, None)
        held.prelude = []  # a transaction that never ran a statement has nothing to commit
        if held.conn.closed:
            continue  # rolled back when it broke: nothing of it is stored
        if held.conn.info.transaction_status != _IDLE:
            held.conn.commit()


def rollback() -> None:
    """Undo the unit of work's transaction. A broken connection is closed instead: the server
    has already dropped its transaction, and the pool discards the connection on return."""
    for held in g.get("db_units", {}).values():
        held.prelude, held.deferred = [], []
        conn = held.conn
        if conn.closed:
            continue
        if conn.broken:
            conn.close()
        elif conn.info.transaction_status != _IDLE:
            conn.rollback()


def _release(exc: BaseException | None) -> None:
    for held in g.pop("db_units", {}).values():
        conn = held.conn
        try:
            if not conn.closed and not conn.broken and conn.info.transaction_status != _IDLE:
                conn.rollback()
        except psycopg.Error:
            log.warning("rollback failed while releasing a connection", exc_info=True)
        held.pool.putconn(conn)


@contextmanager
def unit_of_work(database: DatabaseName) -> Iterator[None]:
    """A transaction outside a request (CLI commands): commits at the end, or rolls back."""
    previous, previous_security = g.get("db_database"), g.get("db_row_security")
    g.db_database = database
    # Commands are maintenance: they work across users (README.md, "Row-level security").
    set_row_security(bypass="cli")
    try:
        yield
        commit()
    except BaseException:
        rollback()
        raise
    finally:
        g.db_database = previous
        _release(None)
        # The bypass ends with the unit: later statements in this app context act as before.
        if previous_security is None:
            g.pop("db_row_security", None)
        else:
            g.db_row_security = previous_security


# A query module's database: a name, or a function that picks one per unit of work (auth's
# users_database); None runs on the unit of work's own database (current_database()).
DatabaseChoice = DatabaseName | Callable[[], DatabaseName] | None


def execute(name: str, params: dict[str, Any], database: DatabaseChoice = None) -> Any:
    """Run a named statement in the unit of work and shape the result."""
    held = unit(database() if callable(database) else database)
    query = BOOK[name]
    if held.pending:
        return send_batch(held, query, params)
    return timed(query, lambda: run_statement(held.conn, query, params))


def copy_rows(name: str, rows: Iterable[Sequence[Any]], database: DatabaseChoice = None) -> int:
    """Stream rows into a named COPY ... FROM STDIN statement; returns how many were sent."""
    query = BOOK[name]
    if query.cardinality != "copy":
        raise SqlFileError(f"{name} is :{query.cardinality}, not :copy")
    conn = connection(database() if callable(database) else database)  # COPY is not pipelined
    sent = 0
    with conn.cursor() as cur, cur.copy(query.text) as copy:
        if query.copy_types:
            copy.set_types(list(query.copy_types))
        for row in rows:
            copy.write_row(row)
            sent += 1
    EXECUTED.add(name)
    return sent


def run_on(conn: psycopg.Connection, name: str, params: dict[str, Any] | None = None) -> Any:
    """Run a named statement on a given connection; the result follows its cardinality."""
    query = BOOK[name]
    return timed(query, lambda: run_statement(conn, query, params))
