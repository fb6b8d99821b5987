"""One psycopg pool per schema, and the unit of work that owns a connection from it.

The first query of a request (or of a CLI command) borrows a connection from the pool of the
blueprint's domain and opens a transaction on it. The end of a request commits; an error
handler or an escaping exception rolls back; the connection goes back to the pool in every
case. Query functions never commit, so a multi-step mutation is atomic.
"""

from __future__ import annotations

import inspect
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import psycopg
from flask import Flask, current_app, g, has_request_context, request
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from app.config import Settings
from app.sql import QueryBook, SqlFileError

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")
Row = dict[str, Any]
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")

BOOK = QueryBook()
# Names of the statements run since start-up; the test suite checks that it covers every file.
EXECUTED: set[str] = set()


def session_options(schema: str, settings: Settings) -> dict[str, Any]:
    """How a connection gets its schema: the one place search_path is applied.

    A direct connection (or a session-mode pooler) takes search_path and statement_timeout as
    startup options. Transaction-mode poolers refuse startup options and cannot share prepared
    statements, so there the same settings are applied by begin_transaction() instead.
    """
    if settings.db_pooler == "transaction":
        return {"prepare_threshold": None}
    return {
        "options": f"-c search_path={schema} -c statement_timeout={settings.statement_timeout_ms}"
    }


def begin_transaction(conn: psycopg.Connection, schema: str, settings: Settings) -> None:
    if settings.db_pooler == "transaction":
        conn.execute(
            "SELECT set_config('search_path', %s, true), set_config('statement_timeout', %s, true)",
            (schema, str(settings.statement_timeout_ms)),
        )


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
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                pool = self._open_pool(domain, *key)
                self._pools[key] = pool
            return pool

    def _open_pool(self, domain: str, url: str, schema: str) -> ConnectionPool:
        s = self.settings
        pool = ConnectionPool(
            url,
            name=f"{domain}:{schema}",
            kwargs={"row_factory": dict_row, "autocommit": False, **session_options(schema, s)},
            min_size=s.pool_size,
            max_size=s.pool_size + s.max_overflow,
            max_lifetime=s.pool_recycle,
            timeout=s.pool_timeout,
            check=ConnectionPool.check_connection,
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

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()


def init_app(app: Flask, settings: Settings) -> Database:
    database = Database(settings)
    app.extensions["db"] = database
    app.after_request(_commit_after_request)
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


def connection(domain: str | None = None) -> psycopg.Connection:
    """The unit of work's connection for a domain, checked out and begun on first use."""
    database = get_database()
    domain = domain or current_domain()
    key = database.pool_key(domain)
    held: dict[tuple[str, str], tuple[ConnectionPool, psycopg.Connection]] = g.setdefault(
        "db_connections", {}
    )
    if key not in held:
        pool = database.pool(domain)
        conn = pool.getconn()
        held[key] = (pool, conn)
        try:
            begin_transaction(conn, key[1], database.settings)
        except BaseException:
            held.pop(key)
            pool.putconn(conn)
            raise
        return conn
    conn = held[key][1]
    if conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
        # A commit or rollback mid-request (a recorded login failure, an error handler before
        # an audit write) ended the transaction that carried SET LOCAL settings: apply again.
        begin_transaction(conn, key[1], database.settings)
    return conn


def users_domain() -> str:
    """Where aiapp.users lives for this unit of work: its own connection when the domain shares
    the main database (one checkout per request), else the main domain's."""
    domain = current_domain()
    settings = get_database().settings
    return domain if settings.database_url(domain) == settings.database_url("main") else "main"


def commit() -> None:
    """Commit what the unit of work did so far (a view rarely needs this; CLI commands do)."""
    for _, conn in g.get("db_connections", {}).values():
        conn.commit()


def rollback() -> None:
    for _, conn in g.get("db_connections", {}).values():
        if not conn.closed:
            conn.rollback()


def _commit_after_request(response):
    # Error handlers have already rolled back, so this commits only successful work. A failing
    # commit raises here and Flask answers with the 500 envelope.
    commit()
    return response


def _release(exc: BaseException | None) -> None:
    for pool, conn in g.pop("db_connections", {}).values():
        try:
            if (
                not conn.closed
                and conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE
            ):
                conn.rollback()
        except psycopg.Error:
            log.warning("rollback failed while releasing a connection", exc_info=True)
        pool.putconn(conn)


@contextmanager
def unit_of_work(domain: str) -> Iterator[None]:
    """A transaction outside a request (CLI commands): commits at the end, or rolls back."""
    previous = g.get("db_domain")
    g.db_domain = domain
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
    """Run a named statement on the unit of work's connection and shape the result."""
    return run_on(connection(domain() if callable(domain) else domain), name, params)


def copy_rows(name: str, rows: Iterable[Sequence[Any]], domain: DomainChoice = None) -> int:
    """Stream rows into a named COPY ... FROM STDIN statement; returns how many were sent."""
    query = BOOK[name]
    if query.cardinality != "copy":
        raise SqlFileError(f"{name} is :{query.cardinality}, not :copy")
    conn = connection(domain() if callable(domain) else domain)
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
    started = time.perf_counter()
    with conn.cursor() as cur:
        cur.execute(query.text, params or {})
        EXECUTED.add(name)
        if query.cardinality == "none":
            result: Any = cur.rowcount
        elif query.cardinality == "many":
            result = cur.fetchall()
        else:
            row = cur.fetchone()
            if query.cardinality == "one":
                result = row
            else:
                result = None if row is None else next(iter(row.values()))
    if get_database().settings.db_echo:
        log.info(
            "sql", extra={"query": name, "ms": round((time.perf_counter() - started) * 1e3, 2)}
        )
    return result


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

        @wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            return execute(name, dict(bound.arguments), domain)

        return run

    return bind
