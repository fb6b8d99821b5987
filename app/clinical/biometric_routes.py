"""/api/v1/clinical/patients/<patient_id>/biometrics: a patient's readings, each value checked
against the shape of its type (app/clinical/biometrics.py); written to the access log."""

from __future__ import annotations

from uuid import UUID

from app.auth.access import auth_required, current_customer_id
from app.clinical import queries
from app.clinical.audit import audited, log_access
from app.clinical.biometrics import BIOMETRIC_TYPES
from app.clinical.schemas import (
    BiometricDeletedSchema,
    BiometricQuerySchema,
    BiometricSchema,
    BiometricWriteSchema,
)
from app.clinical.scope import for_clinician
from app.http import (
    ApiBlueprint,
    RawJSON,
    affected,
    api_ok,
    envelope,
)
from app.params import jsonb

blp = ApiBlueprint(
    "clinical_biometrics",
    __name__,
    database="clinical",
    url_prefix="/api/v1/clinical/patients/<uuid:patient_id>/biometrics",
    description="A patient's biometric readings (value checked per type).",
)
blp.after_request(log_access)


@blp.route("", methods=["GET"])
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


@blp.route("", methods=["POST"])
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
    return api_ok(RawJSON(reading), "Reading recorded", 201)


@blp.route("/<int:biometric_id>", methods=["GET"])
@auth_required
@audited("biometrics.read")
@blp.response(200, envelope(BiometricSchema))
def read_biometric(patient_id: UUID, biometric_id: int):
    """One reading."""
    reading = for_clinician(
        queries.select_biometric, "reading", patient_id=patient_id, biometric_id=biometric_id
    )
    return api_ok(RawJSON(reading))


@blp.route("/<int:biometric_id>", methods=["PUT"])
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
    return api_ok(RawJSON(reading), "Reading updated")


@blp.route("/<int:biometric_id>", methods=["DELETE"])
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
