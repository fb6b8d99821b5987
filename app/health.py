"""/health (the process answers) and /ready (every configured schema reachable, migrations
current). Load balancers poll these without a token."""

from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint

from app import db
from app.http import api_error, api_ok
from app.migrations import migration_ids

blp = Blueprint("health", __name__, description="Liveness and readiness probes.")
PROBE_TIMEOUT_SECONDS = 2.0


def _check_schema(domain: str, schema: str) -> str:
    with db.get_database().pool(domain).connection(timeout=PROBE_TIMEOUT_SECONDS) as conn:
        found = db.run_on(conn, "core/select_current_schema")
    return "ok" if found == schema else "schema missing"


def _check_migrations() -> str:
    with db.get_database().pool("main").connection(timeout=PROBE_TIMEOUT_SECONDS) as conn:
        applied = {row["migration_id"] for row in db.run_on(conn, "core/select_applied_migrations")}
    pending = [m for m in migration_ids() if m not in applied]
    return "ok" if not pending else f"pending: {', '.join(pending)}"


def _probe(check, *args: str) -> str:
    try:
        return check(*args)
    except Exception as exc:
        return f"failed: {type(exc).__name__}"


@blp.route("/health", methods=["GET"])
def health():
    """The process is up (no database call)."""
    return api_ok({"status": "ok"})


@blp.route("/ready", methods=["GET"])
def ready():
    """Each configured domain's schema answers and no migration is pending; 503 otherwise."""
    settings = current_app.config["SETTINGS"]
    checks = {
        f"{domain}:{settings.schema(domain)}": _probe(
            _check_schema, domain, settings.schema(domain)
        )
        for domain in db.served_domains(current_app)
    }
    if checks:
        checks["migrations"] = _probe(_check_migrations)
    if not checks or any(state != "ok" for state in checks.values()):
        return api_error(503, "Not ready", {"checks": checks}, {"Retry-After": "5"})
    return api_ok({"checks": checks}, "Ready")
