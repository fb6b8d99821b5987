"""Apply and roll back the yoyo SQL migrations in migrations/.

yoyo keeps its bookkeeping tables in a schema of their own (`yoyo`), so the app schemas hold
only the app's tables. Migrations schema-qualify every object they create.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql
from yoyo import get_backend, read_migrations

from app.db import BOOK

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
BOOKKEEPING_SCHEMA = "yoyo"


def yoyo_url(database_url: str) -> str:
    """yoyo picks its driver from the scheme: postgresql+psycopg is psycopg 3."""
    parts = urlsplit(database_url)
    sep = "&" if parts.query else ""
    query = f"{parts.query}{sep}schema={BOOKKEEPING_SCHEMA}"
    return urlunsplit(("postgresql+psycopg", parts.netloc, parts.path, query, parts.fragment))


@contextmanager
def _backend(database_url: str) -> Iterator:
    """A yoyo backend whose connection is closed afterwards (a template database must have
    no sessions left for CREATE DATABASE ... TEMPLATE to copy it)."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(BOOKKEEPING_SCHEMA))
        )
    backend = get_backend(yoyo_url(database_url))
    try:
        yield backend
    finally:
        backend.connection.close()


@cache
def migration_ids() -> tuple[str, ...]:
    """The ids of the migration files, in order (read once: they do not change at run time)."""
    return tuple(m.id for m in read_migrations(str(MIGRATIONS_DIR)))


def upgrade(database_url: str) -> list[str]:
    """Apply every pending migration, in order; returns the ids applied."""
    migrations = read_migrations(str(MIGRATIONS_DIR))
    with _backend(database_url) as backend, backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return [m.id for m in pending]


def rollback(database_url: str, steps: int | None = 1) -> list[str]:
    """Roll back the last `steps` applied migrations (all of them when steps is None)."""
    migrations = read_migrations(str(MIGRATIONS_DIR))
    with _backend(database_url) as backend, backend.lock():
        applied = list(backend.to_rollback(migrations))
        chosen = applied if steps is None else applied[:steps]
        backend.rollback_migrations(backend.to_rollback(migrations).filter(lambda m: m in chosen))
    return [m.id for m in chosen]


def status(database_url: str) -> list[tuple[str, bool]]:
    """Every migration id with whether it is applied. Read-only, so the app's own role (which
    may not create yoyo's schema or tables) can run it; no bookkeeping yet means none applied."""
    with psycopg.connect(database_url) as conn:
        conn.read_only = True
        try:
            applied = {row[0] for row in conn.execute(BOOK["core/select_applied_migrations"].text)}
        except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
            applied = set()
    return [(migration_id, migration_id in applied) for migration_id in migration_ids()]
