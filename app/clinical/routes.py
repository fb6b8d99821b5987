"""/api/v1/clinical: a clinician's patients and, under each patient, digital twins, biometric
readings, alerts and the access log. A clinician only ever sees their own patients: another
clinician's patient, and anything under it, is a 404. Every request that reaches a view is
written to the access log (app.clinical.audit), refused ones included."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from flask import Response, g
from psycopg import errors as pg_errors

from app import db
from app.auth.access import auth_required, current_auth, current_customer_id
from app.clinical import queries
from app.clinical.audit import audited, log_access, record_patient
from app.clinical.biometrics import BIOMETRIC_TYPES
from app.clinical.schemas import (
    ALERT_STATUSES,
    AccessLogEntrySchema,
    AccessLogQuerySchema,
    AlertCreateSchema,
    AlertQuerySchema,
    AlertSchema,
    AlertStatusSchema,
    BiometricDeletedSchema,
    BiometricQuerySchema,
    BiometricSchema,
    BiometricWriteSchema,
    InteractionCreateSchema,
    InteractionQuerySchema,
    InteractionSchema,
    PageQuerySchema,
    PatientCreateSchema,
    PatientDeletedSchema,
    PatientPatchSchema,
    PatientSchema,
    TwinCreateSchema,
    TwinDeletedSchema,
    TwinPatchSchema,
    TwinSchema,
)
from app.http import (
    ApiError,
    DomainBlueprint,
    RawJSON,
    affected,
    api_error,
    api_ok,
    envelope,
    found,
    register_constraint,
)
from app.params import jsonb

blp = DomainBlueprint(
    "clinical",
    __name__,
    domain="clinical",
    url_prefix="/api/v1/clinical",
    description="Patients, digital twins, biometrics and alerts of a clinician; access log.",
)
blp.after_request(log_access)
register_constraint(
    "patients_mrn_key",
    "medical_record_number",
    "You already have a patient with this medical record number.",
)
register_constraint(
    "patients_born_in_the_past", "date_of_birth", "A date of birth cannot be in the future."
)
register_constraint(
    "biometrics_value_fits_type", "value", "The value does not fit the shape of its type."
)
register_constraint(
    "biometrics_recorded_in_the_past", "recorded_at", "A reading cannot come from the future."
)
register_constraint(
    "alerts_resolution_notes_required",
    "resolution_notes",
    "Resolving an alert needs resolution notes.",
)
register_constraint(
    "alerts_notes_only_when_closed",
    "resolution_notes",
    "Resolution notes go with resolving or dismissing an alert.",
)
register_constraint(
    "interaction_log_occurred_in_the_past",
    "occurred_at",
    "An interaction cannot come from the future.",
)
PATIENT = "/patients/<uuid:patient_id>"
T = TypeVar("T")


@blp.errorhandler(pg_errors.ObjectNotInPrerequisiteState)
def refuse_change_of_state(error: pg_errors.ObjectNotInPrerequisiteState) -> Response:
    """The database refused a change the row's state does not allow (an alert transition)."""
    db.rollback()
    message = error.diag.message_primary or "The record's state does not allow this change."
    return api_error(409, message, {"status": [message]})


def for_clinician(statement: Callable[..., T | None], what: str, **params: Any) -> T:
    """Run a statement for the acting clinician, or answer 404 naming `what` when it returns
    nothing: every clinical statement is scoped to customer_id, so a missing record and one
    under another clinician's patient get the same answer, reads and writes alike."""
    return found(statement(customer_id=current_customer_id(), **params), what)


# Patients -------------------------------------------------------------------------------------


@blp.route("/patients", methods=["GET"])
@auth_required
@audited("patient.list")
@blp.arguments(PageQuerySchema, location="query")
@blp.response(200, envelope(PatientSchema, many=True))
def list_patients(args):
    """The clinician's patients, by last and first name."""
    text = queries.list_patients(
        customer_id=current_customer_id(), max_rows=args["limit"], skip_rows=args["offset"]
    )
    return api_ok(RawJSON(text))


@blp.route("/patients", methods=["POST"])
@auth_required
@audited("patient.create")
@blp.arguments(PatientCreateSchema)
@blp.response(201, envelope(PatientSchema))
def create_patient(payload):
    """Add a patient; the medical record number is unique among the clinician's patients."""
    patient = queries.insert_patient(customer_id=current_customer_id(), **payload)
    record_patient(patient["patient_id"])
    return api_ok(patient, "Patient created", 201)


@blp.route(PATIENT, methods=["GET"])
@auth_required
@audited("patient.read")
@blp.response(200, envelope(PatientSchema))
def read_patient(patient_id: UUID):
    """One patient."""
    return api_ok(for_clinician(queries.select_patient, "patient", patient_id=patient_id))


@blp.route(PATIENT, methods=["PATCH"])
@auth_required
@audited("patient.update")
@blp.arguments(PatientPatchSchema)
@blp.response(200, envelope(PatientSchema))
def update_patient(changes, patient_id: UUID):
    """Change the fields sent; email, phone and address may be cleared with null."""
    patient = for_clinician(
        queries.update_patient, "patient", patient_id=patient_id, patch=jsonb(changes)
    )
    return api_ok(patient, "Patient updated")


@blp.route(PATIENT, methods=["DELETE"])
@auth_required
@audited("patient.delete")
@blp.response(200, envelope(PatientDeletedSchema))
def delete_patient(patient_id: UUID):
    """Delete a patient with their twins, biometrics and alerts (the access log stays)."""
    affected(
        queries.delete_patient(customer_id=current_customer_id(), patient_id=patient_id), "patient"
    )
    return api_ok({"patient_id": patient_id}, "Patient deleted")


# Digital twins --------------------------------------------------------------------------------


@blp.route(f"{PATIENT}/twins", methods=["GET"])
@auth_required
@audited("twin.list")
@blp.response(200, envelope(TwinSchema, many=True))
def list_twins(patient_id: UUID):
    """The patient's digital twins, oldest first."""
    return api_ok(RawJSON(for_clinician(queries.list_twins, "patient", patient_id=patient_id)))


@blp.route(f"{PATIENT}/twins", methods=["POST"])
@auth_required
@audited("twin.create")
@blp.arguments(TwinCreateSchema)
@blp.response(201, envelope(TwinSchema))
def create_twin(payload, patient_id: UUID):
    """Create a digital twin of the patient (version 1)."""
    twin = for_clinician(
        queries.insert_twin,
        "patient",
        patient_id=patient_id,
        **(payload | {"data": jsonb(payload["data"])}),
    )
    return api_ok(twin, "Digital twin created", 201)


@blp.route(f"{PATIENT}/twins/<uuid:twin_id>", methods=["GET"])
@auth_required
@audited("twin.read")
@blp.response(200, envelope(TwinSchema))
def read_twin(patient_id: UUID, twin_id: UUID):
    """One digital twin."""
    return api_ok(
        for_clinician(queries.select_twin, "twin", patient_id=patient_id, twin_id=twin_id)
    )


@blp.route(f"{PATIENT}/twins/<uuid:twin_id>", methods=["PATCH"])
@auth_required
@audited("twin.update")
@blp.arguments(TwinPatchSchema)
@blp.response(200, envelope(TwinSchema))
def update_twin(changes, patient_id: UUID, twin_id: UUID):
    """Change the fields sent; every update adds 1 to the twin's version."""
    twin = for_clinician(
        queries.update_twin, "twin", patient_id=patient_id, twin_id=twin_id, patch=jsonb(changes)
    )
    return api_ok(twin, "Digital twin updated")


@blp.route(f"{PATIENT}/twins/<uuid:twin_id>", methods=["DELETE"])
@auth_required
@audited("twin.delete")
@blp.response(200, envelope(TwinDeletedSchema))
def delete_twin(patient_id: UUID, twin_id: UUID):
    """Delete a digital twin."""
    affected(
        queries.delete_twin(
            customer_id=current_customer_id(), patient_id=patient_id, twin_id=twin_id
        ),
        "twin",
    )
    return api_ok({"twin_id": twin_id}, "Digital twin deleted")


# Biometrics -----------------------------------------------------------------------------------


@blp.route(f"{PATIENT}/biometrics", methods=["GET"])
@auth_required
@audited("biometrics.list")
@blp.arguments(BiometricQuerySchema, location="query")
@blp.response(200, envelope(BiometricSchema, many=True))
def list_biometrics(args, patient_id: UUID):
    """The patient's readings, newest first: of one type, within [from, to), a page at a time."""
    types = [args["type"]] if "type" in args else list(BIOMETRIC_TYPES)
    text = for_clinician(
        queries.list_biometrics,
        "patient",
        patient_id=patient_id,
        types=types,
        recorded_from=args.get("recorded_from"),
        recorded_to=args.get("recorded_to"),
        max_rows=args["limit"],
        before_id=args.get("before_id"),
    )
    return api_ok(RawJSON(text))


@blp.route(f"{PATIENT}/biometrics", methods=["POST"])
@auth_required
@audited("biometrics.create")
@blp.arguments(BiometricWriteSchema)
@blp.response(201, envelope(BiometricSchema))
def create_biometric(payload, patient_id: UUID):
    """Record a reading; its value must fit the shape of its type (see the value field)."""
    reading = for_clinician(
        queries.insert_biometric,
        "patient",
        patient_id=patient_id,
        **(payload | {"value": jsonb(payload["value"]), "metadata": jsonb(payload["metadata"])}),
    )
    return api_ok(reading, "Reading recorded", 201)


@blp.route(f"{PATIENT}/biometrics/<int:biometric_id>", methods=["GET"])
@auth_required
@audited("biometrics.read")
@blp.response(200, envelope(BiometricSchema))
def read_biometric(patient_id: UUID, biometric_id: int):
    """One reading."""
    reading = for_clinician(
        queries.select_biometric, "reading", patient_id=patient_id, biometric_id=biometric_id
    )
    return api_ok(reading)


@blp.route(f"{PATIENT}/biometrics/<int:biometric_id>", methods=["PUT"])
@auth_required
@audited("biometrics.update")
@blp.arguments(BiometricWriteSchema)
@blp.response(200, envelope(BiometricSchema))
def replace_biometric(payload, patient_id: UUID, biometric_id: int):
    """Correct a reading: send every field again, as when recording it."""
    reading = for_clinician(
        queries.update_biometric,
        "reading",
        patient_id=patient_id,
        biometric_id=biometric_id,
        **(payload | {"value": jsonb(payload["value"]), "metadata": jsonb(payload["metadata"])}),
    )
    return api_ok(reading, "Reading updated")


@blp.route(f"{PATIENT}/biometrics/<int:biometric_id>", methods=["DELETE"])
@auth_required
@audited("biometrics.delete")
@blp.response(200, envelope(BiometricDeletedSchema))
def delete_biometric(patient_id: UUID, biometric_id: int):
    """Delete a reading."""
    affected(
        queries.delete_biometric(
            customer_id=current_customer_id(), patient_id=patient_id, biometric_id=biometric_id
        ),
        "reading",
    )
    return api_ok({"biometric_id": biometric_id}, "Reading deleted")


# Alerts ---------------------------------------------------------------------------------------


@blp.route(f"{PATIENT}/alerts", methods=["GET"])
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


@blp.route(f"{PATIENT}/alerts", methods=["POST"])
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
    return api_ok(alert, "Alert raised", 201)


@blp.route(f"{PATIENT}/alerts/<uuid:alert_id>", methods=["GET"])
@auth_required
@audited("alert.read")
@blp.response(200, envelope(AlertSchema))
def read_alert(patient_id: UUID, alert_id: UUID):
    """One alert."""
    return api_ok(
        for_clinician(queries.select_alert, "alert", patient_id=patient_id, alert_id=alert_id)
    )


@blp.route(f"{PATIENT}/alerts/<uuid:alert_id>", methods=["PATCH"])
@auth_required
@audited("alert.update")
@blp.arguments(AlertStatusSchema)
@blp.response(200, envelope(AlertSchema))
def change_alert_status(payload, patient_id: UUID, alert_id: UUID):
    """Move the alert to another status; a change the rules do not allow is a 409."""
    alert = for_clinician(
        queries.update_alert_status, "alert", patient_id=patient_id, alert_id=alert_id, **payload
    )
    return api_ok(alert, f"Alert {payload['status']}")


# The access log -------------------------------------------------------------------------------


@blp.route(f"{PATIENT}/access-log", methods=["GET"])
@auth_required
@audited("access_log.read")
@blp.arguments(AccessLogQuerySchema, location="query")
@blp.response(200, envelope(AccessLogEntrySchema, many=True))
def read_access_log(args, patient_id: UUID):
    """Every API request that named this patient, by any clinician, newest first."""
    text = for_clinician(
        queries.list_access_log,
        "patient",
        patient_id=patient_id,
        max_rows=args["limit"],
        before_id=args.get("before_id"),
    )
    return api_ok(RawJSON(text))


# The interaction log (seed 004) -------------------------------------------------------------

TWIN = f"{PATIENT}/twins/<uuid:twin_id>"


@blp.route(f"{TWIN}/interactions", methods=["POST"])
@auth_required
@audited("interaction.create")
@blp.arguments(InteractionCreateSchema)
@blp.response(201, envelope(InteractionSchema))
def create_interaction(payload, patient_id: UUID, twin_id: UUID):
    """Append what a clinician or the assistant did with this twin; entries never change."""
    row = queries.insert_interaction(
        customer_id=current_customer_id(),
        token_customer_id=current_auth().token_customer_id,
        patient_id=patient_id,
        twin_id=twin_id,
        request_id=g.request_id,
        **(payload | {"payload": jsonb(payload["payload"]), "outcome": jsonb(payload["outcome"])}),
    )
    current = found(row["current_version"], "digital twin")
    if row["interaction"] is None:
        message = f"The twin has had versions 1 to {current}."
        raise ApiError(422, message, {"twin_version": [message]})
    return api_ok(RawJSON(row["interaction"]), "Interaction logged", 201)


@blp.route(f"{TWIN}/interactions", methods=["GET"])
@auth_required
@audited("interaction.list")
@blp.arguments(InteractionQuerySchema, location="query")
@blp.response(200, envelope(InteractionSchema, many=True))
def list_twin_interactions(args, patient_id: UUID, twin_id: UUID):
    """This twin's interactions, newest first (kept after the twin is deleted)."""
    return _interactions(patient_id, twin_id, args)


@blp.route(f"{PATIENT}/interactions", methods=["GET"])
@auth_required
@audited("interaction.list")
@blp.arguments(InteractionQuerySchema, location="query")
@blp.response(200, envelope(InteractionSchema, many=True))
def list_patient_interactions(args, patient_id: UUID):
    """The interactions with all of this patient's twins, newest first."""
    return _interactions(patient_id, None, args)


def _interactions(patient_id: UUID, twin_id: UUID | None, args: dict[str, Any]) -> Response:
    text = for_clinician(
        queries.list_interactions,
        "patient",
        patient_id=patient_id,
        twin_id=twin_id,
        interaction_type=args.get("interaction_type"),
        max_rows=args["limit"],
        before_id=args.get("before_id"),
    )
    return api_ok(RawJSON(text))
