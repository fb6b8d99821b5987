"""Schema pieces every domain shares."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from flask import current_app, request
from marshmallow import Schema, ValidationError, fields, pre_load, validate

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])([A-Z])")
BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1
_CUSTOMER_ID_DOC = (
    "A user's id, a positive integer. In a request it names the user the request acts for: "
    "your own id (another is 403), or any user's with an admin token."
)


def snake_case(name: str) -> str:
    return _CAMEL_BOUNDARY.sub(r"_\1", name).lower()


# Field metadata key: the names the seed documents (../shared/seeds/) give a field this service
# stores under another name. apispec copies x- keys into the OpenAPI document as they are.
SEED_NAMES = "x-seed-names"


def seed_names(*names: str, seed: str, description: str | None = None) -> dict[str, Any]:
    """Metadata for a field that seed `seed` calls `names`: the request schemas accept those
    names too (SeedNamesSchema), and the OpenAPI document lists them and says so."""
    note = f"Seed {seed} calls it {', '.join(names)}; accepted under that name too."
    return {
        SEED_NAMES: list(names),
        "description": f"{description} {note}" if description else note,
    }


class SeedNamesSchema(Schema):
    """Accepts a seed document's name for a field (declared with seed_names()), in snake_case
    or camelCase, as the field's own. Sending both names is refused with a message on each;
    an error on a field sent under its seed name is reported under that name."""

    def _seed_aliases(self) -> dict[str, str]:
        """Seed name -> the field's key, for this schema's fields."""
        return {
            alias: field.data_key or name
            for name, field in self.fields.items()
            for alias in field.metadata.get(SEED_NAMES, ())
        }

    @pre_load
    def _accept_seed_names(self, data: Any, **_: Any) -> Any:
        aliases = self._seed_aliases()
        if not aliases or not isinstance(data, Mapping):
            return data
        renamed: dict[str, Any] = {}
        errors: dict[str, list[str]] = {}
        for key, value in data.items():
            alias = snake_case(key) if isinstance(key, str) else key
            target = aliases.get(alias)
            if target is None:
                renamed[key] = value
            elif target in data or target in renamed:
                errors[key] = [f"Send {target} or {alias}, not both: they are the same field."]
            else:
                renamed[target] = value
        if errors:
            raise ValidationError(errors)
        return renamed

    def handle_error(self, error: ValidationError, data: Any, *, many: bool, **_: Any) -> None:
        aliases = self._seed_aliases()
        if many or not aliases or not isinstance(data, Mapping):
            return
        if not isinstance(error.messages, dict):
            return
        sent_as = {
            aliases[snake_case(key)]: key
            for key in data
            if isinstance(key, str) and snake_case(key) in aliases
        }
        sent_as = {target: key for target, key in sent_as.items() if target not in data}
        if sent_as.keys() & error.messages.keys():
            messages = {sent_as.get(key, key): value for key, value in error.messages.items()}
            raise ValidationError(messages, data=error.data, valid_data=error.valid_data)


class CamelCaseSchema(SeedNamesSchema):
    """Accepts the camelCase spelling of any snake_case field (`startDate` for `start_date`),
    as the original clients send them. A field sent in both spellings is ambiguous: the
    camelCase key stays unknown and is rejected, like any other unknown key."""

    def load(self, data: Any, *, unknown: str | None = None, **kwargs: Any) -> Any:
        """webargs loads query strings with unknown=EXCLUDE, which would drop a misspelt
        parameter silently. The schema's own Meta.unknown decides instead, wherever the data
        comes from: RAISE (the default) refuses unknown query parameters with the same
        per-field message as unknown body fields; a schema whose clients send extras opts out
        with Meta.unknown = EXCLUDE."""
        del unknown
        return super().load(data, **kwargs)

    @pre_load
    def _accept_camel_case(self, data: Any, **_: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        known = {field.data_key or name for name, field in self.fields.items()}
        renamed: dict[str, Any] = {}
        for key, value in data.items():
            snake = snake_case(key) if isinstance(key, str) else key
            target = snake if key not in known and snake in known and snake not in data else key
            renamed[target] = value
        return renamed


class ActingSchema(CamelCaseSchema):
    """A request body or query string of a domain route. `customer_id` names the user the
    request acts for; the auth guard has already checked it, so views use current_customer_id()."""

    customer_id = fields.Integer(
        load_only=True,
        validate=validate.Range(min=1, max=BIGINT_MAX),
        metadata={"description": _CUSTOMER_ID_DOC},
    )


def refuse_undeclared_query_parameters() -> None:
    """before_request: a route that declares no query-string schema takes no query parameters,
    so any it is sent are refused as unknown (routes with a schema refuse theirs through
    CamelCaseSchema.load). Preflight requests and the docs pages (the api-docs blueprint,
    Swagger UI's assets) are left alone."""
    if not request.args or request.method == "OPTIONS":
        return
    if request.blueprint in (None, "api-docs"):
        return
    view = current_app.view_functions.get(request.endpoint or "")
    declared = getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", [])
    if any(parameter["in"] == "query" for parameter in declared):
        return
    # The auth guard reads customer_id from the query string of every route.
    from app.auth.access import CUSTOMER_ID_KEYS

    unknown = sorted(key for key in request.args if key not in CUSTOMER_ID_KEYS)
    if unknown:
        raise ValidationError({key: ["Unknown field."] for key in unknown})


# --- What PostgreSQL cannot store, refused while a request is parsed ----------------------------
# Every JSON body (webargs' and request.get_json()'s) and every query string goes through these,
# so no handler needs its own check and no such value reaches a query.

MAX_JSON_DEPTH = 64
_UNSTORABLE_TEXT = "Text may not contain NUL characters or unpaired surrogates."
_UNSTORABLE_KEY = "Field names may not contain NUL characters or unpaired surrogates."
_OUT_OF_RANGE = f"Must be a whole number between {BIGINT_MIN} and {BIGINT_MAX}."
_NOT_FINITE = "Must be a finite number."
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")
# Only a body that has one of these can hold an unstorable value: a \u escape (the only way to
# write NUL or a lone surrogate in JSON), 19 digits in a row (bigint has 19), a 3-digit exponent.
_SUSPECT_JSON = re.compile(r"\\u|\d{19}|[eE][+-]?\d{3}")


INPUT_RULES_DOC = (
    "Input rules for every operation, checked before its queries (only the token check may run "
    "first; 400 with a message per field): "
    f"a JSON body nests objects and arrays at most {MAX_JSON_DEPTH} levels deep and is at most "
    "MAX_CONTENT_LENGTH bytes (10 MiB by default; 413 beyond); text holds no NUL and no lone "
    f"surrogate; integers lie in {BIGINT_MIN}..{BIGINT_MAX}; numbers are finite; a JSON value "
    'has the type documented for it (no 5.5 or "5" for an integer, no 0 or "yes" for a '
    "boolean)."
)


class RefusedInput(Exception):
    """A request whose body or query cannot be stored as sent: a 400 with per-field messages.
    Not a ValueError, so request.get_json(silent=True) does not swallow it."""

    def __init__(self, message: str, errors: dict[str, Any]) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def load_request_json(raw: bytes | str) -> Any:
    """Parse a request body: strict JSON at most MAX_JSON_DEPTH deep, with no value PostgreSQL
    would refuse. Malformed JSON raises ValueError, as json.loads does; the rest RefusedInput."""
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        value = None
        too_deep = True
    else:
        # A body with fewer brackets than the limit cannot be nested deeper than it.
        too_deep = text.count("[") + text.count("{") > MAX_JSON_DEPTH and _depth(value) > (
            MAX_JSON_DEPTH
        )
    if too_deep:
        raise RefusedInput(
            f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels.",
            {"_schema": [f"Nest objects and arrays at most {MAX_JSON_DEPTH} levels deep."]},
        )
    if _SUSPECT_JSON.search(text):
        errors = unstorable_values(value)
        if errors:
            raise RefusedInput("Invalid input: see data.errors for each field.", errors)
    return value


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def unstorable_values(value: Any) -> dict[str, Any]:
    """Per-field messages (nested like marshmallow's) for every string with NUL or a lone
    surrogate, integer outside bigint and non-finite float in a parsed value; {} when none."""
    message = _unstorable(value)
    if message is None:
        return {}
    return message if isinstance(message, dict) else {"_schema": message}


def _unstorable(value: Any) -> dict[Any, Any] | list[str] | None:
    if isinstance(value, str):
        return [_UNSTORABLE_TEXT] if _BAD_TEXT.search(value) else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if BIGINT_MIN <= value <= BIGINT_MAX else [_OUT_OF_RANGE]
    if isinstance(value, float):
        return None if math.isfinite(value) else [_NOT_FINITE]
    if isinstance(value, Mapping | list | tuple):
        pairs = value.items() if isinstance(value, Mapping) else enumerate(value)
        errors: dict[Any, Any] = {}
        for key, child in pairs:
            if isinstance(key, str) and _BAD_TEXT.search(key):
                errors[_BAD_TEXT.sub("\ufffd", key)] = [_UNSTORABLE_KEY]
                continue
            found = _unstorable(child)
            if found is not None:
                errors[key] = found
        return errors or None
    return None


# --- What the OpenAPI document says of fields --------------------------------------------------


def openapi_field_facts(_converter: Any, field: fields.Field, ret: dict[str, Any]) -> dict:
    """An apispec attribute function (registered in app._register_blueprints): Decimal bounds
    as JSON numbers (apispec copies Range(min=Decimal(...)) through as is, which is no JSON),
    integers with bigint's range, and customer_id as what the auth guard accepts."""
    facts = {key: float(value) for key, value in ret.items() if isinstance(value, Decimal)}
    if field.name in {"customer_id", "customerId"} and isinstance(field, fields.Integer):
        facts["minimum"] = max(1, ret.get("minimum", 1))
        facts.setdefault("maximum", BIGINT_MAX)
        if "description" not in ret:
            facts["description"] = _CUSTOMER_ID_DOC
    if isinstance(field, fields.Integer) and not field.name.endswith("customer_id"):
        facts.setdefault("minimum", ret.get("minimum", BIGINT_MIN))
        facts.setdefault("maximum", ret.get("maximum", BIGINT_MAX))
    return facts


# --- JSON's types, as the document states them -------------------------------------------------
# marshmallow is lenient where JSON is not: Integer() turns 5.5 into 5 and "5" into 5, Boolean()
# takes 0, 1 and "yes". A query string has only strings, so that leniency is needed there; a JSON
# body has real types, and a value of the wrong one is refused as the document says it is.

_NOT_BOOLEAN = "Not a valid boolean: send true or false."
_NOT_INTEGER = "Not a valid integer: send a whole number."
_NOT_NUMBER = "Not a valid number."


def json_type_errors(schema: Schema, data: Any) -> dict[Any, Any]:
    """Per-field messages for values of the wrong JSON type in a body about to be loaded by
    `schema` (nested like marshmallow's); {} when every value has the documented type."""
    if isinstance(data, list) and schema.many:
        errors = {}
        for index, item in enumerate(data):
            found = _object_type_errors(schema, item)
            if found:
                errors[index] = found
        return errors
    return _object_type_errors(schema, data)


def _object_type_errors(schema: Schema, data: Any) -> dict[Any, Any]:
    if not isinstance(data, Mapping):
        return {}
    by_key = {field.data_key or name: field for name, field in schema.load_fields.items()}
    errors: dict[Any, Any] = {}
    for key, value in data.items():
        field = by_key.get(key)
        if field is None and isinstance(key, str):
            field = by_key.get(snake_case(key))
        found = None if field is None or value is None else _value_type_errors(field, value)
        if found:
            errors[key] = found
    return errors


def _value_type_errors(field: fields.Field, value: Any) -> Any:
    if isinstance(field, fields.Boolean):
        return None if isinstance(value, bool) else [_NOT_BOOLEAN]
    if isinstance(field, fields.Integer):
        whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        return None if whole and not isinstance(value, bool) else [_NOT_INTEGER]
    if isinstance(field, fields.Number):
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return None if number else [_NOT_NUMBER]
    if isinstance(field, fields.Nested):
        nested = field.schema
        if nested.many or field.many:
            if not isinstance(value, list):
                return None
            errors = {
                i: e for i, item in enumerate(value) if (e := _object_type_errors(nested, item))
            }
            return errors or None
        return _object_type_errors(nested, value) or None
    if isinstance(field, fields.List) and isinstance(value, list):
        inner = field.inner
        errors = {
            i: e
            for i, item in enumerate(value)
            if item is not None and (e := _value_type_errors(inner, item))
        }
        return errors or None
    return None
