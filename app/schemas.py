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
