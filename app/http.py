"""The response envelope, the request id, the commit, and ApiBlueprint; app/errors.py holds
the error handlers that keep every error answer in the envelope.

Success: {"success": true, "code": 200, "message": "...", "data": ..., "meta": {...}}
Error:   {"success": false, "code": 4xx/5xx, "message": "...", "data": {"errors": {...}}}
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from datetime import date, datetime
from datetime import time as clock_time
from decimal import Decimal
from typing import Any, TypeVar

import marshmallow as ma
import orjson
from flask import Flask, Response, current_app, g, request
from flask import Request as FlaskRequest
from flask_smorest import Blueprint
from marshmallow import ValidationError
from webargs import core as webargs_core
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.exceptions import BadRequest

from app import db
from app.config import DatabaseName, database_name
from app.schemas import json_type_errors, load_request_json, unstorable_values

log = logging.getLogger(__name__)
access_log = logging.getLogger("app.access")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
RETRY_AFTER_SECONDS = 5
T = TypeVar("T")

# Constraint name -> (field, message), so a database conflict reads like a validation error.
CONSTRAINT_ERRORS: dict[str, tuple[str, str]] = {}


def register_constraint(name: str, field: str, message: str) -> None:
    CONSTRAINT_ERRORS[name] = (field, message)


class RawJSON:
    """JSON text built by PostgreSQL, passed into the envelope without parsing it."""

    __slots__ = ("text",)

    def __init__(self, text: str | None, default: str = "null") -> None:
        self.text = text if text is not None else default


def joined(*parts: RawJSON | dict[str, Any]) -> RawJSON:
    """One JSON object holding the members of each part, in order: JSON objects PostgreSQL
    built (RawJSON, their text written as it is), and the few members Python adds that
    PostgreSQL never sees (a new bearer token or reset code: only their digests are stored) or
    that name the route's answer (the original clients' status strings).

    Each part must be an object and no key may be in two of them: anything else (a statement's
    NULL, an array, a key written twice) is a bug, refused here rather than answered as invalid
    or ambiguous JSON. PostgreSQL's parts are parsed for that check only (orjson: about 1 ms a
    megabyte, a chat session with all its messages)."""
    members = []
    keys: set[str] = set()
    for part in parts:
        if isinstance(part, RawJSON):
            text, value = part.text, orjson.loads(part.text)
        else:
            text, value = dumps(part), part
        if not isinstance(value, dict):
            raise TypeError(f"joined() takes JSON objects, not {type(value).__name__}")
        repeated = keys & value.keys()
        if repeated:
            raise ValueError(f"joined() got {sorted(repeated)} in two parts")
        keys |= value.keys()
        inner = text.strip()[1:-1].strip()
        if inner:
            members.append(inner)
    return RawJSON("{" + ", ".join(members) + "}")


class ApiError(Exception):
    """An error answer: raise it from a view or a helper; the handler renders the envelope."""

    def __init__(
        self,
        code: int,
        message: str,
        errors: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.errors = errors or {}
        self.headers = headers or {}


class ArgumentsParser(FlaskParser):
    """Bad input is a 400 with per-field messages (webargs' default is 422). Bodies are read with
    the request's own JSON rules, and what a schema loaded is checked once more for values
    PostgreSQL cannot store (a float that became a huge integer, NUL in a query string)."""

    DEFAULT_VALIDATION_STATUS = 400

    def _raw_load_json(self, req: FlaskRequest) -> Any:
        if not is_json_request(req):
            return webargs_core.missing
        raw = req.get_data(cache=True)
        if not raw:
            return webargs_core.missing
        try:
            return load_request_json(raw)
        except UnicodeDecodeError:
            raise
        except ValueError as exc:
            raise json.JSONDecodeError(str(exc), "-", 0) from exc

    def _process_location_data(
        self, location_data: Any, schema: ma.Schema, req: FlaskRequest, location: str, *args: Any
    ) -> Any:
        if location == "json":
            wrong_types = json_type_errors(schema, location_data)
            if wrong_types:
                raise ValidationError(wrong_types)
        data = super()._process_location_data(location_data, schema, req, location, *args)
        errors = unstorable_values(data)
        if errors:
            raise ValidationError(errors)
        return data


class _RequestJSON:
    """What ApiRequest parses JSON with (werkzeug calls json_module.loads)."""

    loads = staticmethod(load_request_json)


class ApiRequest(FlaskRequest):
    """request.get_json() follows the same rules as the schemas' body parsing, and a body that
    is not JSON gets one plain answer rather than the decoder's text."""

    @property
    def json_module(self) -> Any:
        return _RequestJSON

    @json_module.setter
    def json_module(self, _provider: Any) -> None:
        # Flask assigns app.json to every request; request bodies keep the rules above.
        pass

    def on_json_loading_failed(self, e: ValueError | None) -> Any:
        if e is None:
            return super().on_json_loading_failed(e)
        raise BadRequest("The body is not valid JSON.")


class ApiBlueprint(Blueprint):
    """A blueprint and the database its unit of work starts on: `name` is the blueprint's own
    (url_for, the OpenAPI tag), `database` a DatabaseName, checked here so a typo stops the
    start-up. Each query module names its own database as well (app.db.query)."""

    ARGUMENTS_PARSER = ArgumentsParser()

    def __init__(
        self, name: str, import_name: str, *, database: DatabaseName, **kwargs: Any
    ) -> None:
        super().__init__(name, import_name, **kwargs)
        self.database: DatabaseName = database_name(database)

    def arguments(
        self, schema: Any, *, location: str = "json", required: bool | None = None, **kwargs: Any
    ):
        """Each input schema is built once, here: webargs builds a schema given as a class
        anew for every request, which costs more than most loads. A body is documented as
        required only when its schema requires a field: one that requires none loads a
        missing body as {} and the view answers, as the document says."""
        instance = schema() if isinstance(schema, type) else schema
        if required is None:
            required = location != "json" or any(f.required for f in instance.load_fields.values())
        return super().arguments(instance, location=location, required=required, **kwargs)


def accepts(*content_types: str):
    """Let a view take bodies other than JSON (CSV uploads); the default is JSON only."""

    def mark(view):
        view.accepts_content_types = content_types
        return view

    return mark


class ErrorEnvelopeSchema(ma.Schema):
    success = ma.fields.Boolean(metadata={"example": False})
    code = ma.fields.Integer(metadata={"example": 422})
    message = ma.fields.String()
    data = ma.fields.Dict(metadata={"description": "{'errors': {field: [messages]}}"})


_ENVELOPES: dict[tuple[type, bool, bool], type[ma.Schema]] = {}


def envelope(
    schema: type[ma.Schema], many: bool = False, nullable: bool = False
) -> type[ma.Schema]:
    """The documented success envelope around a data schema (for @blp.response); `nullable`
    when data may be null (nothing to hand out)."""
    key = (schema, many, nullable)
    if key not in _ENVELOPES:
        name = schema.__name__.removesuffix("Schema") + ("ListEnvelope" if many else "Envelope")
        name += "OrNull" if nullable else ""
        data = (
            ma.fields.List(ma.fields.Nested(schema))
            if many
            else ma.fields.Nested(schema, allow_none=nullable)
        )
        _ENVELOPES[key] = ma.Schema.from_dict(
            {
                "success": ma.fields.Boolean(metadata={"example": True}),
                "code": ma.fields.Integer(metadata={"example": 200}),
                "message": ma.fields.String(),
                "data": data,
                "meta": ma.fields.Dict(),
            },
            name=name,
        )
    return _ENVELOPES[key]


def to_json(value: Any) -> Any:
    """The envelope's json.dumps default: numbers for numeric, strings for UUIDs, ISO 8601 for
    dates (the query a list answers for, echoed in meta, reads the same either way).

    A time (datetime, time) is refused: every time in an answer is written by PostgreSQL, in
    its own format, so Python keeps no copy of that format that could drift from it. A view
    that hands one to the envelope is a bug, and the contract test, which calls every route,
    finds it."""
    if isinstance(value, datetime | clock_time):
        raise TypeError(
            f"{type(value).__name__} in an answer: build the answer in PostgreSQL (RawJSON)"
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _parameter_default(value: Any) -> Any:
    """A statement parameter may hold times (a loaded payload's datetimes): PostgreSQL reads
    any ISO 8601 text, so they are written as Python writes them."""
    if isinstance(value, datetime | clock_time):
        return value.isoformat()
    return to_json(value)


# Answers pass dates and times to to_json; parameters let orjson write them (ISO 8601).
_ANSWER_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
_PARAMETER_OPTIONS = orjson.OPT_NON_STR_KEYS


def _dump(value: Any, default: Any, options: int) -> bytes:
    """JSON as bytes, by orjson. orjson refuses integers beyond 64 bits, which a stored JSON
    document may hold: those few values are written by the json module instead."""
    try:
        return orjson.dumps(value, default=default, option=options)
    except orjson.JSONEncodeError:
        return json.dumps(value, default=default, separators=(",", ":")).encode()


def dump_bytes(value: Any) -> bytes:
    """An answer (or part of one) as JSON bytes; a time in it is refused (to_json)."""
    return _dump(value, to_json, _ANSWER_OPTIONS)


def dumps(value: Any) -> str:
    return dump_bytes(value).decode()


def dump_parameter(value: Any) -> str:
    """A statement's JSON parameter as text (app.params.jsonb), times included."""
    return _dump(value, _parameter_default, _PARAMETER_OPTIONS).decode()


def found(value: T | None, what: str) -> T:
    """What a query found, or a 404. Every per-user query is scoped to the acting user, so a
    missing row and another user's row get the same answer."""
    if value is None:
        raise ApiError(404, f"Not found: {what}.")
    return value


def affected(count: int, what: str) -> int:
    """The rows a write touched, or a 404 when it touched none (missing, or not yours)."""
    if count == 0:
        raise ApiError(404, f"Not found: {what}.")
    return count


def api_ok(
    data: Any = None,
    message: str = "OK",
    code: int = 200,
    meta: dict[str, Any] | None = None,
) -> Response:
    """The success envelope. `data` may be RawJSON text that PostgreSQL already built: it is
    written into the answer as it is, never parsed."""
    body = data.text.encode() if isinstance(data, RawJSON) else dump_bytes(data)
    return Response(
        b"".join(
            (
                b'{"success":true,"code":%d,"message":' % code,
                dump_bytes(message),
                b',"data":',
                body,
                b',"meta":',
                dump_bytes(meta or {}),
                b"}",
            )
        ),
        status=code,
        mimetype="application/json",
    )


def api_error(
    code: int,
    message: str,
    errors: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    payload = {"success": False, "code": code, "message": message, "data": {"errors": errors or {}}}
    response = Response(dump_bytes(payload), status=code, mimetype="application/json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _refuse_unstorable_path() -> Response | None:
    """Path parameters are checked like bodies and query strings: an <int:...> beyond bigint or
    a %00 in a path segment is a 400 before any query."""
    errors = unstorable_values(request.view_args) if request.view_args else None
    if errors:
        db.rollback()
        return api_error(400, "Invalid input: see data.errors for each field.", errors)
    return None


def _assign_request_id() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _require_json_body() -> Response | None:
    """A body sent to a JSON route must say it is JSON (415 otherwise)."""
    if request.method not in {"POST", "PUT", "PATCH", "DELETE"} or not request.content_length:
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    accepted = getattr(view, "accepts_content_types", ("application/json",))
    if request.mimetype not in accepted and not (
        "application/json" in accepted and request.is_json
    ):
        db.rollback()
        return api_error(415, f"Send the body as one of: {', '.join(accepted)}.")
    return None


def _finish(response: Response) -> Response:
    response.headers["X-Request-ID"] = g.get("request_id", "")
    started = g.get("request_started")
    access_log.info(
        "request",
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1e3, 2) if started else None,
        },
    )
    return response


def init_app(app: Flask) -> None:
    app.request_class = ApiRequest
    app.before_request(_assign_request_id)
    app.before_request(_require_json_body)
    app.before_request(_refuse_unstorable_path)
    # app.errors registers the commit next: after_request runs last-registered first, so the
    # request commits, then its line is logged.
    app.after_request(_finish)
