"""One psycopg pool per schema, and the unit of work that owns a connection from it.

The first query of a request (or of a CLI command) borrows a connection from the pool of the
blueprint's domain and opens a transaction on it. The end of a request commits; an error
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

import inspect
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import psycopg
from flask import Flask, current_app, g, has_request_context, request
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from app.config import Settings
from app.sql import Query, QueryBook, SqlFileError

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")
Row = dict[str, Any]
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_IDLE = psycopg.pq.TransactionStatus.IDLE

BOOK = QueryBook()
# Names of the statements run since start-up; the test suite checks that it covers every file.
EXECUTED: set[str] = set()


def session_options(schema: str, settings: Settings) -> dict[str, Any]:
    """How a connection gets its schema: the one place search_path is applied.

    A direct connection (or a session-mode pooler) takes search_path and statement_timeout as
    startup options. Transaction-mode poolers refuse startup options and cannot share prepared
    statements, so there the same settings are applied by transaction_prelude() instead.
    """
    if settings.db_pooler == "transaction":
        return {"prepare_threshold": None}
    return {
        "options": f"-c search_path={schema} -c statement_timeout={settings.statement_timeout_ms}"
    }


# Row-level security (migration 0019): whose rows storage_app sees in a transaction, as the
# transaction-local settings app.customer_id and app.rls_bypass ('' = unset: no rows).
_ROW_SECURITY = "set_config('app.customer_id', %s, true), set_config('app.rls_bypass', %s, true)"


@dataclass(frozen=True)
class RowSecurity:
    """Whose rows the unit of work's transactions may see: one user's, or, on a path README.md
    names (login, admin routes, erasure, CLI), every user's (`bypass` names the path)."""

    customer_id: int | None = None
    bypass: str | None = None

    def settings(self) -> tuple[str, str]:
        customer = "" if self.customer_id is None else str(self.customer_id)
        return (customer, "on" if self.bypass else "")


def transaction_prelude(
    schema: str, settings: Settings, row_security: RowSecurity | None = None
) -> list[tuple[str, tuple[Any, ...]]]:
    """The statements that open a unit of work's transaction, sent ahead of its first one.
    Everything is transaction-local (set_config(..., true)), so it holds behind a
    transaction-mode pooler and never outlives the transaction on a pooled connection."""
    prelude: list[tuple[str, tuple[Any, ...]]] = [("BEGIN", ())]
    if settings.db_pooler == "transaction":
        text = (
            "SELECT set_config('search_path', %s, true), set_config('statement_timeout', %s, true)"
        )
        args: tuple[Any, ...] = (schema, str(settings.statement_timeout_ms))
        if row_security is not None:
            text, args = f"{text}, {_ROW_SECURITY}", (*args, *row_security.settings())
        prelude.append((text, args))
    elif row_security is not None:
        prelude.append((f"SELECT {_ROW_SECURITY}", row_security.settings()))
    return prelude


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


class Database:
    """The pools of one app, keyed by (URL, schema) so domains that share both share a pool."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pools: dict[tuple[str, str], ConnectionPool] = {}
        self._lock = threading.Lock()

    def pool_key(self, domain: str) -> tuple[str, str]:
        return (self.settings.database_url(domain), self.settings.schema(domain))

    def pool(self, domain: str) -> ConnectionPool:
        key = self.pool_key(domain)
        pool = self._pools.get(key)
        if pool is not None:
            return pool
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                # Imported here: it runs its named statement through this module.
                from app.database_identity import check_same_database

                check_same_database(self.settings, domain)
                pool = self._open_pool(domain, *key)
                self._pools[key] = pool
            return pool

    def _open_pool(self, domain: str, url: str, schema: str) -> ConnectionPool:
        s = self.settings
        pool = ConnectionPool(
            url,
            name=f"{domain}:{schema}",
            # autocommit: the unit of work sends BEGIN itself, pipelined with its first
            # statement (psycopg's implicit BEGIN would cost a round trip of its own).
            kwargs={"row_factory": dict_row, "autocommit": True, **session_options(schema, s)},
            min_size=s.pool_size,
            max_size=s.pool_size + s.max_overflow,
            max_lifetime=s.pool_recycle,
            timeout=s.pool_timeout,
            open=False,
        )
        # Do not wait for the first connections: an unreachable database must give 503s,
        # not block start-up or a worker.
        pool.open(wait=False)
        return pool

    def open_pools(self, domains: list[str]) -> None:
        """Open pools ahead of the first request (gunicorn's post_fork)."""
        for domain in domains:
            self.pool(domain)

    def pools(self) -> dict[tuple[str, str], ConnectionPool]:
        return dict(self._pools)

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()


def init_app(app: Flask, settings: Settings) -> Database:
    database = Database(settings)
    app.extensions["db"] = database
    # The request's commit is registered by app.http, which owns the answer a failed one gets.
    app.teardown_appcontext(_release)
    return database


def served_domains(app: Flask) -> list[str]:
    """The configured domains of the app's blueprints, main first: what it needs to serve."""
    configured = app.config["SETTINGS"].configured_domains()
    domains = {getattr(bp, "domain", None) for bp in app.blueprints.values()} & set(configured)
    return sorted(domains, key=lambda d: (d != "main", d))


def get_database() -> Database:
    return current_app.extensions["db"]


def current_domain() -> str:
    """The domain of the unit of work: the blueprint's, or one set by unit_of_work()."""
    domain = g.get("db_domain")
    if domain is None and has_request_context():
        blueprint = current_app.blueprints.get(request.blueprint or "")
        domain = getattr(blueprint, "domain", None)
    return domain or "main"


def unit(domain: str | None = None) -> Unit:
    """The unit of work's connection for a domain: checked out on first use, with BEGIN queued
    whenever no transaction is open (first use, or after a commit or rollback mid-request)."""
    database = get_database()
    domain = domain or current_domain()
    key = database.pool_key(domain)
    units: dict[tuple[str, str], Unit] = g.setdefault("db_units", {})
    held = units.get(key)
    if held is None:
        pool = database.pool(domain)
        held = units[key] = Unit(pool, pool.getconn(), key[1])
    if not held.prelude and held.conn.info.transaction_status == _IDLE:
        held.prelude = transaction_prelude(held.schema, database.settings, g.get("db_row_security"))
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
    statement = (f"SELECT {_ROW_SECURITY}", row_security.settings())
    for held in g.get("db_units", {}).values():
        if held.prelude and held.prelude[-1][0] == statement[0]:
            held.prelude[-1] = statement  # not sent yet: the later setting replaces it
        # A transaction already open, or a BEGIN waiting to be sent; an idle connection gets
        # the setting with its next BEGIN (unit()).
        elif held.prelude or held.conn.info.transaction_status != _IDLE:
            held.prelude.append(statement)


def connection(domain: str | None = None) -> psycopg.Connection:
    """The unit of work's connection for a domain, its transaction begun (for COPY and for
    statements that are not named SQL)."""
    held = unit(domain)
    if held.pending:
        _send(held, None, None)
    return held.conn


def defer(name: str, params: dict[str, Any], settle: Callable[[Any], None], domain: str) -> None:
    """Send a named statement with the next one of the unit of work, in the same round trip."""
    unit(domain).deferred.append(Deferred(BOOK[name], params, settle))


def settle(domain: str | None = None) -> None:
    """Run what is deferred now, on one domain's unit or all of them (a view that ran no query,
    an error answer that must not outrank a refused token)."""
    units: dict[tuple[str, str], Unit] = g.get("db_units", {})
    chosen = units.values() if domain is None else [unit(domain)]
    for held in list(chosen):
        if held.deferred:
            _send(held, None, None)


def users_domain() -> str:
    """Where aiapp.users lives for this unit of work: its own connection when the domain shares
    the main database (one checkout per request), else the main domain's."""
    domain = current_domain()
    settings = get_database().settings
    return domain if settings.database_url(domain) == settings.database_url("main") else "main"


def commit() -> None:
    """Commit what the unit of work did so far (a view rarely needs this; CLI commands do).
    A connection lost before or during COMMIT raises OperationalError: the work is not known
    to be stored, and the caller must say so."""
    for held in list(g.get("db_units", {}).values()):
        if held.deferred:
            _send(held, None, None)
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
def unit_of_work(domain: str) -> Iterator[None]:
    """A transaction outside a request (CLI commands): commits at the end, or rolls back."""
    previous = g.get("db_domain")
    g.db_domain = domain
    # Commands are maintenance: they work across users (README.md, "Row-level security").
    set_row_security(bypass="cli")
    try:
        yield
        commit()
    except BaseException:
        rollback()
        raise
    finally:
        g.db_domain = previous
        _release(None)


DomainChoice = str | Callable[[], str] | None


def execute(name: str, params: dict[str, Any], domain: DomainChoice = None) -> Any:
    """Run a named statement in the unit of work and shape the result."""
    held = unit(domain() if callable(domain) else domain)
    query = BOOK[name]
    if held.pending:
        return _send(held, query, params)
    return _timed(query, lambda: _run(held.conn, query, params))


def copy_rows(name: str, rows: Iterable[Sequence[Any]], domain: DomainChoice = None) -> int:
    """Stream rows into a named COPY ... FROM STDIN statement; returns how many were sent."""
    query = BOOK[name]
    if query.cardinality != "copy":
        raise SqlFileError(f"{name} is :{query.cardinality}, not :copy")
    conn = connection(domain() if callable(domain) else domain)  # COPY cannot be pipelined
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
    return _timed(query, lambda: _run(conn, query, params))


def _run(conn: psycopg.Connection, query: Query, params: dict[str, Any] | None) -> Any:
    with conn.cursor() as cur:
        cur.execute(query.text, params or {})
        return _shape(cur, query)


def _shape(cur: psycopg.Cursor, query: Query) -> Any:
    EXECUTED.add(query.name)
    if query.cardinality == "none":
        return cur.rowcount
    if query.cardinality == "many":
        return cur.fetchall()
    row = cur.fetchone()
    if query.cardinality == "one":
        return row
    return None if row is None else next(iter(row.values()))


def _timed(query: Query, run: Callable[[], R]) -> R:
    if not get_database().settings.db_echo:
        return run()
    started = time.perf_counter()
    try:
        return run()
    finally:
        log.info(
            "sql",
            extra={"query": query.name, "ms": round((time.perf_counter() - started) * 1e3, 2)},
        )


def _send(held: Unit, query: Query | None, params: dict[str, Any] | None) -> Any:
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
            return _timed(query, lambda: _shape(cursor, query))  # noqa: B023
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
            item.settle(_shape(cur, item.query))


def query(name: str, *, domain: DomainChoice = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Bind a thin, typed function to the named SQL file; the function body is never run.

    The signature is the statement's contract: at import, its parameters must be exactly the
    file's %(placeholders)s, so a renamed parameter or a missing file fails at start-up.
    A :copy file binds a function of one parameter, `rows`, and returns how many were sent.
    """

    def bind(func: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(func)
        named = BOOK[name]
        placeholders = set(_PLACEHOLDER.findall(named.text))
        parameters = set(signature.parameters)
        if named.cardinality == "copy":
            if parameters != {"rows"}:
                raise SqlFileError(f"{func.__qualname__} binds COPY {name}: take exactly `rows`")

            @wraps(func)
            def copy(rows: Iterable[Sequence[Any]]) -> int:
                return copy_rows(name, rows, domain)

            return copy  # type: ignore[return-value]
        if placeholders != parameters:
            raise SqlFileError(
                f"{func.__qualname__} takes {sorted(parameters)} but {name}.sql uses "
                f"{sorted(placeholders)}"
            )
        binder = _Binder(func.__qualname__, signature)

        @wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            return execute(name, binder.bind(args, kwargs), domain)

        return run

    return bind


class _Binder:
    """inspect.Signature.bind, precomputed: the statement's parameters from a call's arguments."""

    def __init__(self, qualname: str, signature: inspect.Signature) -> None:
        self.qualname = qualname
        self.names = tuple(signature.parameters)
        self.positional = tuple(
            n
            for n, p in signature.parameters.items()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        )
        self.defaults = {
            n: p.default for n, p in signature.parameters.items() if p.default is not p.empty
        }

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        if len(args) > len(self.positional):
            raise TypeError(f"{self.qualname}() takes {len(self.positional)} positional arguments")
        params = dict(zip(self.positional, args, strict=False))
        for key, value in kwargs.items():
            if key in params or key not in self.names:
                raise TypeError(f"{self.qualname}() got an unexpected or repeated argument {key!r}")
            params[key] = value
        if len(params) < len(self.names):
            for key in self.names:
                if key not in params:
                    if key not in self.defaults:
                        raise TypeError(f"{self.qualname}() missing argument {key!r}")
                    params[key] = self.defaults[key]
        return params
