"""/api/v1/blood: a user's blood test results, the test catalogue, and the legacy action."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Response, request
from marshmallow import ValidationError
from psycopg.types.json import Jsonb

from app.auth.access import admin_required, auth_required, current_customer_id
from app.blood import queries
from app.blood.schemas import (
    DEFINITION_FIELDS,
    BloodCategoryQuerySchema,
    BloodCategorySchema,
    BloodDefinitionCreateSchema,
    BloodDefinitionPatchSchema,
    BloodDefinitionSchema,
    BloodDeletedSchema,
    BloodHistoryQuerySchema,
    BloodHistorySchema,
    BloodLegacyRequestSchema,
    BloodLegacyResponseSchema,
    BloodPanelSchema,
    BloodResultSchema,
    BloodTestListSchema,
    BloodTestPatchSchema,
    BloodTestQuerySchema,
)
from app.http import (
    ApiError,
    DomainBlueprint,
    RawJSON,
    api_ok,
    dumps,
    envelope,
    register_constraint,
)

blp = DomainBlueprint(
    "blood",
    __name__,
    domain="blood",
    url_prefix="/api/v1/blood",
    description="Blood test results and the catalogue of tests.",
)
register_constraint(
    "blood_tests_natural_key", "test_date", "This test already has a result on that date."
)
register_constraint(
    "test_definitions_test_name_key", "test_name", "A test with this name already exists."
)
register_constraint(
    "test_definitions_reference_band_check",
    "reference_low",
    "reference_low must not exceed reference_high.",
)

LIST_FILTERS = ("start_date", "end_date", "category", "limit")
RESULT_FIELDS = ("test_date", "result_value", "result_unit", "reference_range")


def _changes(payload: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """For a PATCH query: each field's new value, and a set_<field> flag saying if it was sent."""
    return {**{n: payload.get(n) for n in names}, **{f"set_{n}": n in payload for n in names}}


def _list_meta(found: dict[str, Any], filters: dict[str, Any]) -> dict[str, Any]:
    """The original's meta: total_count always; latest date and filters when there are any."""
    meta: dict[str, Any] = {"total_count": found["total_count"]}
    if found["latest_test_date"]:
        meta["latest_test_date"] = found["latest_test_date"]
    if filters:
        meta["filters"] = filters
    return meta


@blp.route("/tests", methods=["GET"])
@auth_required
@blp.arguments(BloodTestQuerySchema, location="query")
@blp.response(200, envelope(BloodTestListSchema))
def list_tests(args):
    """The acting user's results, newest first, filtered by date and category, limited."""
    filters = {name: args[name] for name in LIST_FILTERS if name in args}
    found = queries.list_tests(
        customer_id=current_customer_id(),
        start_date=filters.get("start_date"),
        end_date=filters.get("end_date"),
        category=filters.get("category"),
        max_rows=filters.get("limit"),
    )
    message = "Retrieved blood tests" + (" with applied filters" if filters else "")
    return api_ok(RawJSON(found["data"]), message, meta=_list_meta(found, filters))


@blp.route("/tests", methods=["POST"])
@auth_required
@blp.arguments(BloodPanelSchema)
@blp.response(200, envelope(BloodResultSchema, many=True))
def save_panel(payload):
    """Store a lab panel (one date, many results) all or nothing; same-day results are replaced."""
    saved = queries.upsert_panel(
        current_customer_id(), payload["test_date"], Jsonb(payload["results"])
    )
    if saved["unknown"]:
        errors = {i: {"test_name": ["No test has this name."]} for i in saved["unknown"]}
        raise ApiError(400, "Unknown tests: add them to the catalogue first.", {"results": errors})
    return api_ok(RawJSON(saved["items"]), f"Saved {len(payload['results'])} results")


@blp.route("/tests/<int:test_id>", methods=["PATCH"])
@auth_required
@blp.arguments(BloodTestPatchSchema)
@blp.response(200, envelope(BloodResultSchema))
def update_test(payload, test_id):
    """Change a result's date, value, unit or reference range; its flag follows."""
    updated = queries.update_test(
        current_customer_id(), test_id, **_changes(payload, RESULT_FIELDS)
    )
    if updated is None:
        raise ApiError(404, "No blood test with that id.")
    return api_ok(RawJSON(updated), "Blood test updated")


@blp.route("/tests/<int:test_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(BloodDeletedSchema))
def delete_test(test_id):
    """Delete one of the acting user's results."""
    if queries.delete_test(current_customer_id(), test_id) == 0:
        raise ApiError(404, "No blood test with that id.")
    return api_ok({"id": test_id, "deleted": True}, "Blood test deleted")


@blp.route("/tests/<path:test_name>/history", methods=["GET"])
@auth_required
@blp.arguments(BloodHistoryQuerySchema, location="query")
@blp.response(200, envelope(BloodHistorySchema))
def history(args, test_name):
    """One marker over time, oldest first, with each point's reference band."""
    found = queries.select_history(
        current_customer_id(), test_name, args.get("start_date"), args.get("end_date")
    )
    if found is None:
        raise ApiError(404, f"No test is named {test_name!r}.")
    return api_ok(RawJSON(found))


@blp.route("/latest", methods=["GET"])
@auth_required
@blp.arguments(BloodCategoryQuerySchema, location="query")
@blp.response(200, envelope(BloodResultSchema, many=True))
def latest(args):
    """The latest result of each test, with its out-of-range flag."""
    return api_ok(RawJSON(queries.list_latest(current_customer_id(), args.get("category"))))


@blp.route("/definitions", methods=["GET"])
@auth_required
@blp.arguments(BloodCategoryQuerySchema, location="query")
@blp.response(200, envelope(BloodCategorySchema, many=True))
def list_definitions(args):
    """The catalogue of tests, grouped by category."""
    return api_ok(RawJSON(queries.list_definitions(args.get("category"))))


@blp.route("/definitions", methods=["POST"])
@admin_required
@blp.arguments(BloodDefinitionCreateSchema)
@blp.response(201, envelope(BloodDefinitionSchema))
def create_definition(payload):
    """Add a test to the catalogue (admin)."""
    definition = queries.insert_definition(**{n: payload[n] for n in DEFINITION_FIELDS})
    return api_ok(definition, "Test definition created", 201)


@blp.route("/definitions/<int:definition_id>", methods=["PATCH"])
@admin_required
@blp.arguments(BloodDefinitionPatchSchema(partial=True))
@blp.response(200, envelope(BloodDefinitionSchema))
def update_definition(payload, definition_id):
    """Change a test of the catalogue (admin); fields not sent keep their value."""
    definition = queries.update_definition(definition_id, **_changes(payload, DEFINITION_FIELDS))
    if definition is None:
        raise ApiError(404, "No test definition with that id.")
    return api_ok(definition, "Test definition updated")


def _legacy_failure(code: int, result: str) -> Response:
    """The legacy action's error shape, which its automation reads: the reason in
    message.result, not in the envelope's data.errors."""
    body = {"code": code, "success": False, "message": {"status": "fail", "result": result}}
    return Response(dumps(body), status=code, mimetype="application/json")


@blp.route("/legacy", methods=["POST"])
@auth_required
@blp.response(200, BloodLegacyResponseSchema)
@blp.alt_response(400, schema=BloodLegacyResponseSchema, description="message.status 'fail'")
@blp.doc(
    requestBody={
        "required": True,
        "content": {"application/json": {"schema": BloodLegacyRequestSchema}},
    }
)
def legacy():
    """The original's action endpoint: get_all_blood_tests, answered in the legacy shape; a
    refused payload answers {"code": 400, "success": false, "message": {"status": "fail",
    "result": "<reason>"}} as the original did."""
    try:
        BloodLegacyRequestSchema().load(request.get_json(silent=True) or {})
    except ValidationError as error:
        reasons = error.normalized_messages()
        action = reasons.get("action") if isinstance(reasons, dict) else None
        if action and "Missing" not in action[0]:
            return _legacy_failure(400, action[0])
        detail = "; ".join(
            f"{field}: {' '.join(map(str, messages))}" for field, messages in reasons.items()
        )
        return _legacy_failure(400, f"Invalid input: {detail}")
    legacy_answer = queries.select_legacy_tests(current_customer_id())
    return Response(legacy_answer, mimetype="application/json")
