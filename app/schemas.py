"""Schema pieces every domain shares."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask import current_app, request
from marshmallow import Schema, ValidationError, fields, pre_load

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])([A-Z])")


def snake_case(name: str) -> str:
    return _CAMEL_BOUNDARY.sub(r"_\1", name).lower()


class CamelCaseSchema(Schema):
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
    request acts for; the auth guard has already checked it, so views use current_user()."""

    customer_id = fields.Integer(
        load_only=True,
        metadata={"description": "Act for this user: your own id, or any with an admin token."},
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
