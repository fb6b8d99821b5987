"""/api/v1/clinical: a clinician's patients and, under each patient, digital twins, the access
log and the interaction log (biometrics and alerts: biometric_routes.py, alert_routes.py).
A clinician only ever sees their own patients: another clinician's patient, and anything under
it, is a 404. Every request that reaches a view is written to the access log
(app.clinical.audit), refused ones included."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response, g

from app.auth.access import answers_health_data, auth_required, current_auth, current_customer_id
from app.clinical import queries
from app.clinical.audit import audited, log_access, record_patient
from app.clinical.schemas import (
    AccessLogEntrySchema,
    AccessLogQuerySchema,
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
from app.clinical.scope import for_clinician
from app.http import (
    ApiBlueprint,
    ApiError,
    RawJSON,
    affected,
    api_ok,
    envelope,
    found,
    register_constraint,
)
from app.params import jsonb

blp = ApiBlueprint(
    "clinical",
    __name__,
    database="clinical",
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
    return api_ok(RawJSON(patient["patient"]), "Patient created", 201)


@blp.route(PATIENT, methods=["GET"])
@auth_required
@audited("patient.read")
@blp.response(200, envelope(PatientSchema))
def read_patient(patient_id: UUID):
    """One patient."""
    return api_ok(RawJSON(for_clinician(queries.select_patient, "patient", patient_id=patient_id)))


@blp.route(PATIENT, methods=["PATCH"])
@auth_required
@audited("patient.update")
@blp.arguments(PatientPatchSchema)
@blp.response(200, envelope(PatientSchema))
@answers_health_data
def update_patient(changes, patient_id: UUID):
    """Change the fields sent; email, phone and address may be cleared with null."""
    patient = for_clinician(
        queries.update_patient, "patient", patient_id=patient_id, patch=jsonb(changes)
    )
    return api_ok(RawJSON(patient), "Patient updated")


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
    return api_ok(RawJSON(twin), "Digital twin created", 201)


@blp.route(f"{PATIENT}/twins/<uuid:twin_id>", methods=["GET"])
@auth_required
@audited("twin.read")
@blp.response(200, envelope(TwinSchema))
def read_twin(patient_id: UUID, twin_id: UUID):
    """One digital twin."""
    return api_ok(
        RawJSON(for_clinician(queries.select_twin, "twin", patient_id=patient_id, twin_id=twin_id))
    )


@blp.route(f"{PATIENT}/twins/<uuid:twin_id>", methods=["PATCH"])
@auth_required
@audited("twin.update")
@blp.arguments(TwinPatchSchema)
@blp.response(200, envelope(TwinSchema))
@answers_health_data
def update_twin(changes, patient_id: UUID, twin_id: UUID):
    """Change the fields sent; every update adds 1 to the twin's version."""
    twin = for_clinician(
        queries.update_twin, "twin", patient_id=patient_id, twin_id=twin_id, patch=jsonb(changes)
    )
    return api_ok(RawJSON(twin), "Digital twin updated")


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
