"""The URL of each database (GARMIN_DB_URL, BLOOD_DB_URL, ...) may reach only the main one,
by another route.

Every schema's tables reference aiapp.users (foreign keys, and statements that join it), so a
schema on another database could neither migrate nor run. An override such as BLOOD_DB_URL is
therefore allowed only when it reaches the same database as the main URL (a pooler, a replica
host, another host name): both must answer the same system identifier and database name.
"""

from __future__ import annotations

import psycopg
from psycopg.rows import dict_row

from app.config import DATABASE_URL_VARIABLES, ConfigurationError, DatabaseName, Settings
from app.db import BOOK, EXECUTED

# Seconds a start-up check waits for a server before the database is left to answer 503.
CONNECT_TIMEOUT_SECONDS = 5

# (URL, main URL) pairs found to reach one database; checked once per process.
_checked: set[tuple[str, str]] = set()


def _identity(url: str) -> tuple[str, str]:
    with psycopg.connect(
        url, autocommit=True, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT_SECONDS
    ) as conn:
        # Not run_on(): this runs at a worker's start-up too, outside any app context.
        query = BOOK["core/select_database_identity"]
        row = conn.execute(query.text).fetchone()
    EXECUTED.add(query.name)
    return row["system_identifier"], row["database"]


def check_same_database(settings: Settings, database: DatabaseName) -> None:
    """Raise ConfigurationError when the database's URL reaches another database than the main
    one. A URL equal to the main one needs no check; a pair found equal is not asked again.
    An unreachable server raises psycopg.OperationalError (a 503, asked again next time)."""
    url, main_url = settings.database_url(database), settings.database_url("main")
    if url == main_url or (url, main_url) in _checked:
        return
    ours, main = _identity(url), _identity(main_url)
    if ours != main:
        variable = DATABASE_URL_VARIABLES[database]
        raise ConfigurationError(
            f"{variable} reaches database {ours[1]!r} of server {ours[0]}, not the main "
            f"database {main[1]!r} of server {main[0]}: every schema references aiapp.users, "
            "so an override may only be another route (a pooler, a replica host) to the main "
            "database"
        )
    _checked.add((url, main_url))
