"""The database layer: `from app import db`, then db.query(...), db.unit_of_work(...), ...

- book: the named statements of sql/ (BOOK) and which of them ran (EXECUTED);
- binding: query(), a typed function bound to one named file;
- pools: one psycopg pool per (database URL, schema), the app's Pools;
- row_security: the transaction-local settings row-level security reads, the prelude;
- pipeline: one round trip (prelude, deferred statements, statement) and its one resend;
- unit: the unit of work of a request or CLI command, its commit and rollback.
"""

from typing import Any

from app.db.binding import query
from app.db.book import BOOK, EXECUTED
from app.db.pools import get_pools, served_databases
from app.db.unit import (
    commit,
    connection,
    current_database,
    defer,
    execute,
    init_app,
    rollback,
    run_on,
    set_row_security,
    settle,
    unit_of_work,
    users_database,
)

Row = dict[str, Any]

__all__ = [
    "BOOK",
    "EXECUTED",
    "Row",
    "commit",
    "connection",
    "current_database",
    "defer",
    "execute",
    "get_pools",
    "init_app",
    "query",
    "rollback",
    "run_on",
    "served_databases",
    "set_row_security",
    "settle",
    "unit_of_work",
    "users_database",
]
