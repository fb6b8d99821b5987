"""The psycopg pools of one app: one per (database URL, schema), opened without waiting."""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, current_app
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from app.config import DatabaseName, Settings


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


class Pools:
    """The pools of one app, keyed by (URL, schema) so databases that share both share a pool."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pools: dict[tuple[str, str], ConnectionPool] = {}
        self._lock = threading.Lock()

    def pool_key(self, database: DatabaseName) -> tuple[str, str]:
        return (self.settings.database_url(database), self.settings.schema_of(database))

    def pool(self, database: DatabaseName) -> ConnectionPool:
        key = self.pool_key(database)
        pool = self._pools.get(key)
        if pool is not None:
            return pool
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                # Imported here: it runs its named statement through this module.
                from app.database_identity import check_same_database

                check_same_database(self.settings, database)
                pool = self._open_pool(database, *key)
                self._pools[key] = pool
            return pool

    def _open_pool(self, database: DatabaseName, url: str, schema: str) -> ConnectionPool:
        s = self.settings
        pool = ConnectionPool(
            url,
            name=f"{database}:{schema}",
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

    def open_pools(self, databases: list[DatabaseName]) -> None:
        """Open pools ahead of the first request (gunicorn's post_fork)."""
        for database in databases:
            self.pool(database)

    def pools(self) -> dict[tuple[str, str], ConnectionPool]:
        return dict(self._pools)

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()


def served_databases(app: Flask) -> list[DatabaseName]:
    """The configured databases of the app's blueprints, main first: what it needs to serve."""
    configured = app.config["SETTINGS"].configured_databases()
    databases = {getattr(bp, "database", None) for bp in app.blueprints.values()} & set(configured)
    return sorted(databases, key=lambda d: (d != "main", d))


def get_pools() -> Pools:
    return current_app.extensions["db"]
