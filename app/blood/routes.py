"""/api/v1/blood: a user's blood test results, the test catalogue, and the legacy action."""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request
from marshmallow import ValidationError

from app.auth.access import admin_required, answers_health_data, auth_required, current_customer_id
from app.blood import queries
from app.blood.answer_schemas import (
    BloodCategorySchema,
    BloodDefinitionSchema,
    BloodDeletedSchema,
    BloodHistorySchema,
    BloodLatestSchema,
    BloodLegacyFailureSchema,
    BloodLegacyResponseSchema,
    BloodResultSchema,
    BloodTestListSchema,
)
from app.blood.schemas import (
    DEFINITION_FIELDS,
    BloodCategoryQuerySchema,
    BloodDefinitionCreateSchema,
    BloodDefinitionPatchSchema,
    BloodHistoryQuerySchema,
    BloodLatestQuerySchema,
    BloodLegacyRequestSchema,
    BloodPanelQuerySchema,
    BloodPanelSchema,
    BloodPromoteSchema,
    BloodTestPatchSchema,
    BloodTestQuerySchema,
)
from app.http import (
    ApiBlueprint,
    ApiError,
    RawJSON,
    api_ok,
    dumps,
    envelope,
    register_constraint,
)
from app.params import jsonb

blp = ApiBlueprint(
    "blood",
    __name__,
    database="blood",
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
    "definition_keys_pkey",
    "aliases",
    "A name, alias or LOINC code here already names another test.",
)
for _band, _low, _high in (
    ("reference", "reference_low", "reference_high"),
    ("female", "reference_low_female", "reference_high_female"),
    ("male", "reference_low_male", "reference_high_male"),
    ("critical", "critical_low", "critical_high"),
):
    register_constraint(
        f"test_definitions_{_band}_band_check", _low, f"{_low} must not exceed {_high}."
    )

LIST_FILTERS = ("start_date", "end_date", "category", "limit")


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


def _panel_errors(saved: dict[str, Any]) -> dict[int, dict[str, list[str]]]:
    """Per-result messages for the results upsert_panel refused, by position."""
    errors: dict[int, dict[str, list[str]]] = {}
    for position in saved["unknown"] or []:
        errors.setdefault(position, {})["test_name"] = ["No test has this name."]
    for refused in json.loads(saved["bad_units"] or "[]"):
        accepted = ", ".join(refused["accepted"])
        errors.setdefault(refused["position"], {})["result_unit"] = [
            f"{refused['test_name']} is not reported in this unit; send one of: {accepted}."
        ]
    for repeated in json.loads(saved["repeated"] or "[]"):
        errors.setdefault(repeated["position"], {})["test_name"] = [
            f"An earlier result of this panel already names {repeated['test_name']}."
        ]
    return errors


@blp.route("/tests", methods=["POST"])
@auth_required
@blp.arguments(BloodPanelQuerySchema, location="query")
@blp.arguments(BloodPanelSchema)
@blp.response(200, envelope(BloodResultSchema, many=True))
def save_panel(args, payload):
    """Store a lab panel (one date, many results) all or nothing; same-day results are replaced.

    Test names match the catalogue by name, alias or LOINC code in any letter case and spacing;
    a name that matches nothing becomes one of your own tests, unless strict=true."""
    saved = queries.upsert_panel(
        customer_id=current_customer_id(),
        test_date=payload["test_date"],
        results=jsonb(payload["results"]),
        strict=args["strict"],
    )
    errors = _panel_errors(saved)
    if saved["unknown"]:
        raise ApiError(400, "Unknown tests: add them to the catalogue first.", {"results": errors})
    if errors:
        raise ApiError(400, "Some results were refused; nothing was saved.", {"results": errors})
    return api_ok(RawJSON(saved["items"]), f"Saved {len(payload['results'])} results")


@blp.route("/tests/<int:test_id>", methods=["PATCH"])
@auth_required
@blp.arguments(BloodTestPatchSchema)
@blp.response(200, envelope(BloodResultSchema))
@answers_health_data
def update_test(payload, test_id):
    """Change a result's date, value, unit or reference range; its value in the catalogue's
    unit and its flag follow."""
    updated = queries.update_test(
        customer_id=current_customer_id(), test_id=test_id, patch=jsonb(payload)
    )
    if not updated["found"]:
        raise ApiError(404, "No blood test with that id.")
    if updated["accepted"] is not None:
        accepted = ", ".join(updated["accepted"])
        message = f"This test is not reported in this unit; send one of: {accepted}."
        raise ApiError(400, "Invalid input: result_unit", {"result_unit": [message]})
    return api_ok(RawJSON(updated["item"]), "Blood test updated")


@blp.route("/tests/<int:test_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(BloodDeletedSchema))
def delete_test(test_id):
    """Delete one of the acting user's results."""
    if queries.delete_test(customer_id=current_customer_id(), test_id=test_id) == 0:
        raise ApiError(404, "No blood test with that id.")
    return api_ok({"id": test_id, "deleted": True}, "Blood test deleted")


@blp.route("/tests/<path:test_name>/history", methods=["GET"])
@auth_required
@blp.arguments(BloodHistoryQuerySchema, location="query")
@blp.response(200, envelope(BloodHistorySchema))
def history(args, test_name):
    """One marker over time, oldest first, in one unit, each point flagged.

    The name matches like a panel's: name, alias or LOINC code, any letter case and spacing."""
    found = queries.select_history(
        customer_id=current_customer_id(),
        test_name=test_name,
        start_date=args.get("start_date"),
        end_date=args.get("end_date"),
        units=args["units"],
    )
    if found is None:
        raise ApiError(404, f"No test is named {test_name!r}.")
    return api_ok(RawJSON(found))


@blp.route("/latest", methods=["GET"])
@auth_required
@blp.arguments(BloodLatestQuerySchema, location="query")
@blp.response(200, envelope(BloodLatestSchema, many=True))
def latest(args):
    """The latest result of each test, flagged, with the change since the one before it."""
    found = queries.list_latest(
        customer_id=current_customer_id(), category=args.get("category"), units=args["units"]
    )
    return api_ok(RawJSON(found))


@blp.route("/definitions", methods=["GET"])
@auth_required
@blp.arguments(BloodCategoryQuerySchema, location="query")
@blp.response(200, envelope(BloodCategorySchema, many=True))
def list_definitions(args):
    """The catalogue of tests and your own tests, grouped by category."""
    found = queries.list_definitions(
        customer_id=current_customer_id(), category=args.get("category")
    )
    return api_ok(RawJSON(found))


@blp.route("/definitions", methods=["POST"])
@admin_required
@blp.arguments(BloodDefinitionCreateSchema)
@blp.response(201, envelope(BloodDefinitionSchema))
def create_definition(payload):
    """Add a test to the catalogue (admin)."""
    definition = queries.insert_definition(**{n: payload[n] for n in DEFINITION_FIELDS})
    return api_ok(RawJSON(definition), "Test definition created", 201)


@blp.route("/definitions/<int:definition_id>", methods=["PATCH"])
@admin_required
@blp.arguments(BloodDefinitionPatchSchema(partial=True))
@blp.response(200, envelope(BloodDefinitionSchema))
def update_definition(payload, definition_id):
    """Change a test of the catalogue, aliases included (admin); fields not sent keep their
    value."""
    definition = queries.update_definition(definition_id=definition_id, patch=jsonb(payload))
    if definition is None:
        raise ApiError(404, "No test definition with that id.")
    return api_ok(RawJSON(definition), "Test definition updated")


@blp.route("/definitions/<int:definition_id>", methods=["DELETE"])
@admin_required
@blp.response(200, envelope(BloodDeletedSchema))
def delete_definition(definition_id):
    """Delete a test no result uses (admin); 409 says how many results use it."""
    outcome = queries.delete_definition(definition_id=definition_id)
    if not outcome["found"]:
        raise ApiError(404, "No test definition with that id.")
    if not outcome["deleted"]:
        count = outcome["results"]
        raise ApiError(
            409,
            f"{count} result{'s' if count != 1 else ''} use this test; delete them first.",
            {"test_definition_id": [f"Used by {count} result{'s' if count != 1 else ''}."]},
        )
    return api_ok({"id": definition_id, "deleted": True}, "Test definition deleted")


@blp.route("/definitions/<int:definition_id>/promote", methods=["POST"])
@admin_required
@blp.arguments(BloodPromoteSchema)
@blp.response(200, envelope(BloodDefinitionSchema))
def promote_definition(payload, definition_id):
    """Make a user's own test part of the shared catalogue (admin)."""
    definition = queries.promote_definition(
        definition_id=definition_id, category=payload["category"]
    )
    if definition is None:
        raise ApiError(404, "No own test with that id.")
    return api_ok(RawJSON(definition), "Own test promoted to the catalogue")


def _legacy_failure(code: int, result: str) -> Response:
    """The legacy action's error shape, which its automation reads: the reason in
    message.result, not in the envelope's data.errors."""
    body = {"code": code, "success": False, "message": {"status": "fail", "result": result}}
    return Response(dumps(body), status=code, mimetype="application/json")


@blp.route("/legacy", methods=["POST"])
@auth_required
@blp.response(200, BloodLegacyResponseSchema)
@blp.alt_response(400, schema=BloodLegacyFailureSchema, description="message.status 'fail'")
@blp.doc(
    requestBody={
        "required": True,
        "content": {"application/json": {"schema": BloodLegacyRequestSchema}},
    }
)
@answers_health_data
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
    legacy_answer = queries.select_legacy_tests(customer_id=current_customer_id())
    return Response(legacy_answer, mimetype="application/json")
