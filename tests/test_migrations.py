"""Migrations apply, roll back and apply again on an empty database; yoyo stays in its schema."""

import psycopg
import pytest
from psycopg import sql

from app import migrations


@pytest.fixture
def empty_database_url(pg_server, postgresql):
    name = "migrations_roundtrip"
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield pg_server.url(name)
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def app_tables(url):
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables"
            " WHERE table_schema NOT IN ('pg_catalog', 'information_schema', 'yoyo')"
        ).fetchall()
    return {row[0] for row in rows}


def app_schemas(url):
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
            " AND nspname NOT IN ('information_schema', 'public', 'yoyo')"
        ).fetchall()
    return {row[0] for row in rows}


def test_up_down_up(empty_database_url):
    url = empty_database_url
    everything = list(migrations.migration_ids())
    assert migrations.upgrade(url) == everything
    tables = app_tables(url)
    assert {"aiapp.users", "aiapp.auth_tokens", "aiapp.login_failures"} <= tables
    assert {"aiapp", "aiapp_nonprod", "blood", "ufc"} <= app_schemas(url)
    assert all(applied for _, applied in migrations.status(url))

    assert migrations.upgrade(url) == []  # idempotent

    assert migrations.rollback(url, steps=None) == list(reversed(everything))
    assert app_tables(url) == set()
    assert app_schemas(url) == set()
    assert not any(applied for _, applied in migrations.status(url))

    assert migrations.upgrade(url) == everything
    assert app_tables(url) == tables


def test_rollback_one_step_undoes_only_the_last(empty_database_url):
    url = empty_database_url
    migrations.upgrade(url)
    last = migrations.migration_ids()[-1]
    assert migrations.rollback(url) == [last]
    assert dict(migrations.status(url))[last] is False
    assert migrations.upgrade(url) == [last]


def test_every_migration_has_a_rollback_file():
    for migration_id in migrations.migration_ids():
        assert (migrations.MIGRATIONS_DIR / f"{migration_id}.rollback.sql").is_file(), migration_id
