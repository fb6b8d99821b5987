"""/health (the process answers) and /ready (every served schema reachable, migrations
current). Load balancers poll these without a token.

/ready opens one short-lived connection per database rather than borrowing from the pools:
a database that is down must answer 503 at once, not after each pool's checkout timeout.
"""

from __future__ import annotations

from collections import defaultdict

import marshmallow as ma
import psycopg
from flask import current_app
from flask_smorest import Blueprint
from psycopg.rows import dict_row

from app import db
from app.config import DatabaseName
from app.http import ErrorEnvelopeSchema, api_error, api_ok, envelope
from app.migrations import migration_ids

blp = Blueprint("health", __name__, description="Liveness and readiness probes.")
CONNECT_TIMEOUT_SECONDS = 2


class HealthSchema(ma.Schema):
    status = ma.fields.String(metadata={"example": "ok"})


class ReadyChecksSchema(ma.Schema):
    checks = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.String(),
        metadata={"description": "'<database>:<schema>' and 'migrations' -> 'ok' or what failed"},
    )


class NotReadyEnvelopeSchema(ErrorEnvelopeSchema):
    """/ready's 503: data.errors.checks says which check failed."""


def _check_database(url: str, schemas: list[str], with_migrations: bool) -> dict[str, str]:
    """The state of each schema on one database (and of its migrations, for the main one)."""
    with psycopg.connect(
        url, connect_timeout=CONNECT_TIMEOUT_SECONDS, row_factory=dict_row
    ) as conn:
        present = set(db.run_on(conn, "core/select_existing_schemas", {"schemas": schemas}))
        states = {schema: "ok" if schema in present else "schema missing" for schema in schemas}
        if with_migrations:
            applied = {
                row["migration_id"] for row in db.run_on(conn, "core/select_applied_migrations")
            }
            pending = [m for m in migration_ids() if m not in applied]
            states["migrations"] = "ok" if not pending else f"pending: {', '.join(pending)}"
    return states


@blp.route("/health", methods=["GET"])
@blp.response(200, envelope(HealthSchema))
def health():
    """The process is up (no database call)."""
    return api_ok({"status": "ok"})


@blp.route("/ready", methods=["GET"])
@blp.response(200, envelope(ReadyChecksSchema))
@blp.alt_response(503, schema=NotReadyEnvelopeSchema, description="A check failed.")
def ready():
    """Each served database's schema exists and no migration is pending; 503 says what failed."""
    settings = current_app.config["SETTINGS"]
    by_url: dict[str, list[DatabaseName]] = defaultdict(list)
    for database in db.served_databases(current_app):
        by_url[settings.database_url(database)].append(database)
    checks: dict[str, str] = {}
    for url, databases in by_url.items():
        schemas = sorted({settings.schema_of(database) for database in databases})
        with_migrations = "main" in databases  # migrations are recorded in the main database
        try:
            states = _check_database(url, schemas, with_migrations)
        except psycopg.Error as exc:
            failed = f"failed: {type(exc).__name__}"
            states = dict.fromkeys([*schemas, *(["migrations"] if with_migrations else [])], failed)
        checks.update(
            {f"{d}:{settings.schema_of(d)}": states[settings.schema_of(d)] for d in databases}
        )
        if with_migrations:
            checks["migrations"] = states["migrations"]
    if not checks or any(state != "ok" for state in checks.values()):
        return api_error(503, "Not ready", {"checks": checks}, {"Retry-After": "5"})
    return api_ok({"checks": checks}, "Ready")
