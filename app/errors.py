"""The error handlers: every error answer is the envelope, after a refused token (which
outranks the error being answered) and with the unit of work rolled back. No database, driver
or Python text reaches a client; a 500 names only the request id.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

import psycopg
from flask import Flask, Response, current_app, g
from marshmallow import ValidationError
from psycopg import errors as pg_errors
from psycopg_pool import PoolTimeout
from werkzeug.exceptions import HTTPException

from app import db, metrics
from app.config import ConfigurationError
from app.http import CONSTRAINT_ERRORS, RETRY_AFTER_SECONDS, ApiError, api_error
from app.schemas import RefusedInput

log = logging.getLogger(__name__)


def _flatten_locations(messages: dict[str, Any]) -> dict[str, Any]:
    """webargs nests field errors under their location ("json", "query"); clients want fields."""
    flat: dict[str, Any] = {}
    for location, fields in messages.items():
        if isinstance(fields, dict):
            flat.update(fields)
        else:
            flat[location] = fields
    return flat


def _deferred_refusal() -> ApiError | None:
    """A token check still deferred (app.auth defers it to the view's first statement) runs
    before any error answer, so a refused token is answered as such, not with its input's
    error."""
    auth = g.get("auth")
    if auth is None or auth.settled:
        return None
    from app.auth.access import settle_auth  # app.auth imports this module

    try:
        return settle_auth()
    except psycopg.Error:
        return None  # the database itself failed: the error being answered says so


def _answer(handler: Callable[[Any], Response]) -> Callable[[Any], Response]:
    """Every error handler: a refused token first, then the unit of work rolled back."""

    @wraps(handler)
    def answer(error: Any) -> Response:
        refusal = _deferred_refusal()
        db.rollback()
        if refusal is not None:
            return api_error(refusal.code, refusal.message, refusal.errors, refusal.headers)
        return handler(error)

    return answer


@_answer
def handle_http_exception(error: HTTPException) -> Response:
    data = getattr(error, "data", None) or {}
    if "messages" in data:  # a webargs validation failure
        errors = _flatten_locations(data["messages"])
        message = data.get("message") or "Invalid input: see data.errors for each field."
        return api_error(error.code or 400, message, errors)
    headers = dict(data.get("headers") or {})
    if error.code == 405 and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    return api_error(
        error.code or 500,
        data.get("message") or error.description or error.name,
        data.get("errors"),
        headers,
    )


@_answer
def handle_api_error(error: ApiError) -> Response:
    return api_error(error.code, error.message, error.errors, error.headers)


@_answer
def handle_validation_error(error: ValidationError) -> Response:
    errors = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    return api_error(400, "Invalid input: see data.errors for each field.", errors)


@_answer
def handle_unavailable(error: Exception) -> Response:
    metrics.count_database_error(error)
    log.warning("database unavailable: %s", error)
    return api_error(
        503,
        "The database is unavailable right now; retry shortly.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


@_answer
def handle_statement_timeout(error: pg_errors.QueryCanceled) -> Response:
    log.warning("statement timed out: %s", error)
    return api_error(
        503,
        "The database took too long to answer (statement timeout); retry shortly.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


@_answer
def handle_not_configured(error: ConfigurationError) -> Response:
    log.error("configuration error: %s", error)
    return api_error(503, "This part of the service is not configured; see the server log.")


# "Key (customer_id, plan_id)=(1, 5) is not present ..." -> the columns, never the values.
_KEY_COLUMNS = re.compile(r"^Key \((?P<columns>[^)]*)\)=")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


# (schema, table, constraint) -> its columns, read from the catalogue once per process.
_CONSTRAINT_COLUMNS: dict[tuple[str, str, str], tuple[str, ...]] = {}


def _key_columns(diag: Any) -> tuple[str, ...]:
    """The columns of the key a unique or foreign-key error names: from its detail, or, on a
    table with row-level security (whose errors leave the key out), from the catalogue on a
    connection of its own (the request's transaction has failed)."""
    match = _KEY_COLUMNS.match(diag.message_detail or "")
    if match:
        return tuple(c.strip() for c in match["columns"].split(","))
    key = (diag.schema_name, diag.table_name, diag.constraint_name)
    if not all(key):
        return ()
    if key not in _CONSTRAINT_COLUMNS:
        try:
            with db.get_pools().pool(db.current_database()).connection() as conn:
                columns = db.run_on(
                    conn,
                    "core/select_constraint_columns",
                    {"schema_name": key[0], "table_name": key[1], "constraint_name": key[2]},
                )
        except (psycopg.Error, PoolTimeout):
            # A full pool or a failing server must not turn this 4xx into a 500: answer it
            # without the field's name this time, and look again on the next one.
            return ()
        _CONSTRAINT_COLUMNS[key] = tuple(columns or ())
    return _CONSTRAINT_COLUMNS[key]


def _constraint_field(diag: Any) -> str:
    """The field a constraint error is about, for an unregistered constraint: the NOT NULL
    column, the last plain column of the key a unique or foreign key names (customer_id is
    every row's owner, never what the client got wrong), or the column of a CHECK named the
    PostgreSQL way (<table>_<column>_check); "_schema" when none can be told."""
    if diag.column_name:
        return diag.column_name
    plain = [c for c in _key_columns(diag) if _IDENTIFIER.match(c) and c != "customer_id"]
    if plain:
        return plain[-1]
    name, table = diag.constraint_name or "", diag.table_name or ""
    if name.startswith(f"{table}_") and name.endswith("_check"):
        column = name[len(table) + 1 : -len("_check")]
        if _IDENTIFIER.match(column):
            return column
    return "_schema"


@_answer
def handle_integrity_error(error: psycopg.errors.IntegrityError) -> Response:
    metrics.count_database_error(error)
    diag = error.diag
    log.warning("constraint refused the request: %s", error)
    field, message = CONSTRAINT_ERRORS.get(diag.constraint_name or "", (None, None))
    still_referenced = "still referenced" in (diag.message_detail or "")
    if isinstance(error, pg_errors.UniqueViolation):
        code, default = 409, "That conflicts with an existing record."
        detail = "Already used by another record."
    elif isinstance(error, pg_errors.RestrictViolation) or still_referenced:
        # PostgreSQL 15 reports a blocked delete as a foreign key violation, 18 as restrict.
        code, default = 409, "Other records still refer to this one."
        detail = "Other records still refer to this one; remove them first."
    elif isinstance(error, pg_errors.ForeignKeyViolation):
        code, default = 404, "A record this refers to does not exist."
        detail = "No such record (or not yours)."
    elif isinstance(error, pg_errors.NotNullViolation):
        code, default = 400, "A required value is missing."
        detail = "Required: may not be null."
    else:
        code, default = 400, "The values break a rule of the data."
        detail = "Out of the allowed range, or not one of the allowed values."
    if field is None:
        field = "_schema" if still_referenced else _constraint_field(diag)
    return api_error(code, message or default, {field: [message or detail]})


@_answer
def handle_data_error(error: psycopg.errors.DataError) -> Response:
    metrics.count_database_error(error)
    log.warning("database refused a value: %s", error)
    return api_error(
        400,
        "A value is out of range or malformed.",
        {"_schema": ["A value is out of range or malformed for where it is stored."]},
    )


@_answer
def handle_refused_input(error: RefusedInput) -> Response:
    return api_error(400, error.message, error.errors)


@_answer
def handle_unexpected(error: Exception) -> Response:
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    if isinstance(error, psycopg.Error):
        metrics.count_database_error(error)
    log.exception("unhandled error", exc_info=error)
    request_id = g.get("request_id", "")
    return api_error(
        500,
        f"Internal error. Quote request id {request_id} when you report it.",
        {"request_id": request_id},
    )


def _commit(response: Response) -> Response:
    """The request's work commits before its answer leaves (error handlers have rolled back
    already). A commit that fails is the answer: a lost connection a 503 with Retry-After,
    since the work is not stored; a constraint checked at commit its usual 4xx."""
    try:
        db.commit()
    except (pg_errors.IntegrityError, pg_errors.DataError) as error:
        return current_app.make_response(current_app.handle_user_exception(error))
    except psycopg.Error as error:
        # Lost connection, or a pooler's garbled answer to COMMIT: not known to be stored.
        return handle_unavailable(error)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_commit)  # see app.http.init_app: runs before its _finish
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(ValidationError, handle_validation_error)
    app.register_error_handler(PoolTimeout, handle_unavailable)
    app.register_error_handler(psycopg.OperationalError, handle_unavailable)
    app.register_error_handler(pg_errors.QueryCanceled, handle_statement_timeout)
    app.register_error_handler(psycopg.errors.IntegrityError, handle_integrity_error)
    app.register_error_handler(psycopg.errors.DataError, handle_data_error)
    app.register_error_handler(ConfigurationError, handle_not_configured)
    app.register_error_handler(RefusedInput, handle_refused_input)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
