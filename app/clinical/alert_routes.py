"""/api/v1/clinical/patients/<patient_id>/alerts: a patient's alerts; the database enforces
which status may follow which (a refused transition is a 409); written to the access log."""

from __future__ import annotations

from uuid import UUID

from flask import Response
from psycopg import errors as pg_errors

from app import db
from app.auth.access import answers_health_data, auth_required
from app.clinical import queries
from app.clinical.audit import audited, log_access
from app.clinical.schemas import (
    ALERT_STATUSES,
    AlertCreateSchema,
    AlertQuerySchema,
    AlertSchema,
    AlertStatusSchema,
)
from app.clinical.scope import for_clinician
from app.http import (
    ApiBlueprint,
    RawJSON,
    api_error,
    api_ok,
    envelope,
)
from app.params import jsonb

blp = ApiBlueprint(
    "clinical_alerts",
    __name__,
    database="clinical",
    url_prefix="/api/v1/clinical/patients/<uuid:patient_id>/alerts",
    description="A patient's alerts, with database-enforced status transitions.",
)
blp.after_request(log_access)


@blp.errorhandler(pg_errors.ObjectNotInPrerequisiteState)
def refuse_change_of_state(error: pg_errors.ObjectNotInPrerequisiteState) -> Response:
    """The database refused a change the row's state does not allow (an alert transition)."""
    db.rollback()
    message = error.diag.message_primary or "The record's state does not allow this change."
    return api_error(409, message, {"status": [message]})


@blp.route("", methods=["GET"])
@auth_required
@audited("alert.list")
@blp.arguments(AlertQuerySchema, location="query")
@blp.response(200, envelope(AlertSchema, many=True))
def list_alerts(args, patient_id: UUID):
    """The patient's alerts, newest first, optionally of one status."""
    statuses = [args["status"]] if "status" in args else list(ALERT_STATUSES)
    text = for_clinician(
        queries.list_alerts,
        "patient",
        patient_id=patient_id,
        statuses=statuses,
        max_rows=args["limit"],
        skip_rows=args["offset"],
    )
    return api_ok(RawJSON(text))


@blp.route("", methods=["POST"])
@auth_required
@audited("alert.create")
@blp.arguments(AlertCreateSchema)
@blp.response(201, envelope(AlertSchema))
def create_alert(payload, patient_id: UUID):
    """Raise an alert for the patient; it starts open."""
    alert = for_clinician(
        queries.insert_alert,
        "patient",
        patient_id=patient_id,
        **(payload | {"data": jsonb(payload["data"])}),
    )
    return api_ok(RawJSON(alert), "Alert raised", 201)


@blp.route("/<uuid:alert_id>", methods=["GET"])
@auth_required
@audited("alert.read")
@blp.response(200, envelope(AlertSchema))
def read_alert(patient_id: UUID, alert_id: UUID):
    """One alert."""
    return api_ok(
        RawJSON(
            for_clinician(queries.select_alert, "alert", patient_id=patient_id, alert_id=alert_id)
        )
    )


@blp.route("/<uuid:alert_id>", methods=["PATCH"])
@auth_required
@audited("alert.update")
@blp.arguments(AlertStatusSchema)
@blp.response(200, envelope(AlertSchema))
@answers_health_data
def change_alert_status(payload, patient_id: UUID, alert_id: UUID):
    """Move the alert to another status; a change the rules do not allow is a 409."""
    alert = for_clinician(
        queries.update_alert_status, "alert", patient_id=patient_id, alert_id=alert_id, **payload
    )
    return api_ok(RawJSON(alert), f"Alert {payload['status']}")
