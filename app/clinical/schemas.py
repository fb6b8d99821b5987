"""Payloads, query strings and answers of the clinical routes.

The enumerations and ranges mirror the CHECK constraints of migrations/0008.clinical.sql: the
schemas give per-field messages before any query runs, the database holds the rules for
every writer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from app.clinical.biometrics import BIOMETRIC_TYPES, describe_values, load_value
from app.schemas import ActingSchema, seed_names

SEXES = ("female", "male", "other", "unknown")
TWIN_TYPES = (
    "psychiatric",
    "physiological",
    "behavioral",
    "integrated",
    "treatment_response",
    "cognitive",
)
ALERT_TYPES = ("biometric", "medication", "symptom", "risk", "appointment", "other")
ALERT_PRIORITIES = ("low", "medium", "high", "urgent")
ALERT_STATUSES = ("open", "acknowledged", "in_progress", "resolved", "dismissed")
ACTORS = ("clinician", "assistant")
INTERACTION_TYPES = ("query", "prediction", "simulation", "recommendation", "review", "annotation")
EARLIEST_BIRTH = date(1900, 1, 1)
# Matches the database's slack for clinicians and devices ahead of UTC.
FUTURE_SLACK = timedelta(days=1)


def _trimmed(value: str) -> None:
    if value != value.strip():
        raise ValidationError("Remove the spaces around it.")


def _born_in_the_past(value: date) -> None:
    if not EARLIEST_BIRTH <= value <= datetime.now(UTC).date() + FUTURE_SLACK:
        raise ValidationError(f"Use a date between {EARLIEST_BIRTH} and today.")


def _not_in_the_future(value: datetime) -> None:
    if value > datetime.now(UTC) + FUTURE_SLACK:
        raise ValidationError("A reading cannot come from the future.")


def _json_object(**kwargs: Any) -> fields.Dict:
    return fields.Dict(keys=fields.String(), **kwargs)


class ClinicalInput(ActingSchema):
    """A clinical request's body or query string. The auth guard has already used customer_id
    to pick the acting clinician, so it is dropped here and views pass current_customer_id()."""

    @post_load
    def _drop_acting_id(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data.pop("customer_id", None)
        return data


class ChangesInput(ClinicalInput):
    """A PATCH body: only the fields sent change, and at least one must be sent."""

    @validates_schema
    def _something_to_change(self, data: dict[str, Any], **_: Any) -> None:
        if not set(data) - {"customer_id"}:
            raise ValidationError("Send at least one field to change.")


# Patients -------------------------------------------------------------------------------------

MRN = validate.And(validate.Length(min=1, max=64), _trimmed)
NAME = validate.Length(min=1, max=100)
PHONE = validate.Regexp(
    r"^\+?[0-9][0-9 ().-]{2,31}$", error="Use digits, spaces and + ( ) . - (3-32 characters)."
)
ADDRESS = validate.Length(min=1, max=500)


class PatientPatchSchema(ChangesInput):
    medical_record_number = fields.String(validate=MRN)
    first_name = fields.String(validate=NAME)
    last_name = fields.String(validate=NAME)
    date_of_birth = fields.Date(validate=_born_in_the_past)
    sex = fields.String(validate=validate.OneOf(SEXES))
    email = fields.Email(allow_none=True, validate=validate.Length(max=320))
    phone = fields.String(allow_none=True, validate=PHONE)
    address = fields.String(allow_none=True, validate=ADDRESS)


class PatientCreateSchema(ClinicalInput):
    medical_record_number = fields.String(
        required=True,
        validate=MRN,
        metadata={"description": "Unique among the clinician's patients."},
    )
    first_name = fields.String(required=True, validate=NAME)
    last_name = fields.String(required=True, validate=NAME)
    date_of_birth = fields.Date(required=True, validate=_born_in_the_past)
    sex = fields.String(
        load_default=None, validate=validate.OneOf(SEXES), metadata={"default": "unknown"}
    )
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=320))
    phone = fields.String(load_default=None, allow_none=True, validate=PHONE)
    address = fields.String(load_default=None, allow_none=True, validate=ADDRESS)


class PageQuerySchema(ClinicalInput):
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 500))
    offset = fields.Integer(load_default=0, validate=validate.Range(0, None))


class PatientSchema(Schema):
    patient_id = fields.UUID()
    customer_id = fields.Integer(metadata={"description": "The owning clinician."})
    medical_record_number = fields.String()
    first_name = fields.String()
    last_name = fields.String()
    date_of_birth = fields.Date()
    sex = fields.String(metadata={"enum": list(SEXES)})
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class PatientDeletedSchema(Schema):
    patient_id = fields.UUID()


# Digital twins --------------------------------------------------------------------------------

TWIN_NAME = validate.Length(min=1, max=200)
DESCRIPTION = validate.Length(max=5000)


class TwinPatchSchema(ChangesInput):
    type = fields.String(validate=validate.OneOf(TWIN_TYPES))
    name = fields.String(validate=TWIN_NAME)
    description = fields.String(allow_none=True, validate=DESCRIPTION)
    data = _json_object(
        metadata=seed_names(
            "configuration", seed="004", description="Replaces the whole data object."
        )
    )


class TwinCreateSchema(ClinicalInput):
    type = fields.String(required=True, validate=validate.OneOf(TWIN_TYPES))
    name = fields.String(required=True, validate=TWIN_NAME)
    description = fields.String(load_default=None, allow_none=True, validate=DESCRIPTION)
    data = _json_object(
        load_default=dict,
        metadata=seed_names(
            "configuration", seed="004", description="The digital twin's configuration."
        ),
    )


class TwinSchema(Schema):
    twin_id = fields.UUID()
    patient_id = fields.UUID()
    type = fields.String(metadata={"enum": list(TWIN_TYPES)})
    name = fields.String()
    description = fields.String(allow_none=True)
    version = fields.Integer(metadata={"description": "1 when created, +1 on every update."})
    data = fields.Dict()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class TwinDeletedSchema(Schema):
    twin_id = fields.UUID()


# Biometrics -----------------------------------------------------------------------------------

VALUE_DESCRIPTION = describe_values()


class BiometricWriteSchema(ClinicalInput):
    type = fields.String(required=True, validate=validate.OneOf(BIOMETRIC_TYPES))
    recorded_at = fields.AwareDateTime(required=True, validate=_not_in_the_future)
    value = _json_object(required=True, metadata={"description": VALUE_DESCRIPTION})
    device_id = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(min=1, max=200)
    )
    metadata = _json_object(load_default=dict)

    @post_load
    def _value_fits_type(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        try:
            data["value"] = load_value(data["type"], data["value"])
        except ValidationError as error:
            raise ValidationError(error.messages, "value") from error
        return data


class BiometricQuerySchema(ClinicalInput):
    type = fields.String(validate=validate.OneOf(BIOMETRIC_TYPES))
    recorded_from = fields.AwareDateTime(
        data_key="from", metadata={"description": "Readings at or after this time."}
    )
    recorded_to = fields.AwareDateTime(
        data_key="to", metadata={"description": "Readings before this time."}
    )
    limit = fields.Integer(load_default=500, validate=validate.Range(1, 5000))
    before_id = fields.Integer(
        validate=validate.Range(1, None),
        metadata={
            "description": "The biometric_id of the last reading of the previous page: the "
            "next (older) page starts after it."
        },
    )

    @validates_schema
    def _window_forward(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("recorded_from"), data.get("recorded_to")
        if start is not None and end is not None and start >= end:
            raise ValidationError("Must be later than from.", "to")


class BiometricSchema(Schema):
    biometric_id = fields.Integer()
    patient_id = fields.UUID()
    type = fields.String(metadata={"enum": list(BIOMETRIC_TYPES)})
    recorded_at = fields.DateTime()
    value = fields.Dict(metadata={"description": VALUE_DESCRIPTION})
    device_id = fields.String(allow_none=True)
    metadata = fields.Dict()
    created_at = fields.DateTime()


class BiometricDeletedSchema(Schema):
    biometric_id = fields.Integer()


# Alerts ---------------------------------------------------------------------------------------


class AlertCreateSchema(ClinicalInput):
    type = fields.String(required=True, validate=validate.OneOf(ALERT_TYPES))
    priority = fields.String(
        load_default=None,
        validate=validate.OneOf(ALERT_PRIORITIES),
        metadata={"default": "medium"},
    )
    message = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    data = _json_object(load_default=dict)


class AlertStatusSchema(ClinicalInput):
    status = fields.String(
        required=True,
        validate=validate.OneOf(ALERT_STATUSES),
        metadata={
            "description": "open -> acknowledged | in_progress | resolved | dismissed; "
            "acknowledged -> in_progress | resolved | dismissed; in_progress -> resolved | "
            "dismissed; dismissed -> open; resolved is final. Any other change is a 409."
        },
    )
    resolution_notes = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=5000),
        metadata={"description": "Required to resolve; allowed when resolving or dismissing."},
    )


class AlertQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(ALERT_STATUSES))


class AlertSchema(Schema):
    alert_id = fields.UUID()
    patient_id = fields.UUID()
    type = fields.String(metadata={"enum": list(ALERT_TYPES)})
    priority = fields.String(metadata={"enum": list(ALERT_PRIORITIES)})
    status = fields.String(metadata={"enum": list(ALERT_STATUSES)})
    message = fields.String()
    data = fields.Dict()
    resolved_at = fields.DateTime(allow_none=True)
    resolution_notes = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


# The access log -------------------------------------------------------------------------------


class AccessLogQuerySchema(ClinicalInput):
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 500))
    before_id = fields.Integer(
        validate=validate.Range(1, None),
        metadata={"description": "The access_id of the last row of the previous page."},
    )


class AccessLogEntrySchema(Schema):
    access_id = fields.Integer()
    customer_id = fields.Integer(metadata={"description": "The clinician the request acted for."})
    token_customer_id = fields.Integer(
        metadata={"description": "Whose token it was (an admin acting for the clinician)."}
    )
    patient_id = fields.UUID()
    action = fields.String(metadata={"example": "patient.read"})
    status_code = fields.Integer(metadata={"example": 200})
    request_id = fields.String()
    accessed_at = fields.DateTime()


# The interaction log (seed 004) -------------------------------------------------------------


class InteractionCreateSchema(ClinicalInput):
    interaction_type = fields.String(required=True, validate=validate.OneOf(INTERACTION_TYPES))
    actor = fields.String(
        load_default="clinician",
        validate=validate.OneOf(ACTORS),
        metadata={"description": "Who did it: the clinician, or the assistant on their behalf."},
    )
    twin_version = fields.Integer(
        load_default=None,
        strict=True,
        validate=validate.Range(min=1),
        metadata={"description": "The twin version it used; the current one when absent."},
    )
    payload = _json_object(load_default=dict, metadata={"description": "What was sent or asked."})
    outcome = _json_object(load_default=dict, metadata={"description": "What came of it."})
    occurred_at = fields.AwareDateTime(
        load_default=None,
        validate=_not_in_the_future,
        metadata={"description": "When it happened; now when absent."},
    )


class InteractionQuerySchema(ClinicalInput):
    interaction_type = fields.String(validate=validate.OneOf(INTERACTION_TYPES))
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 500))
    before_id = fields.Integer(
        validate=validate.Range(1, None),
        metadata={"description": "The interaction_id of the last row of the previous page."},
    )


class InteractionSchema(Schema):
    interaction_id = fields.Integer()
    customer_id = fields.Integer(metadata={"description": "The clinician whose patient it is."})
    token_customer_id = fields.Integer(
        metadata={"description": "Whose token wrote it (an admin worker for the assistant)."}
    )
    patient_id = fields.UUID()
    twin_id = fields.UUID()
    twin_version = fields.Integer()
    actor = fields.String(metadata={"enum": list(ACTORS)})
    interaction_type = fields.String(metadata={"enum": list(INTERACTION_TYPES)})
    payload = fields.Dict()
    outcome = fields.Dict()
    occurred_at = fields.DateTime()
    recorded_at = fields.DateTime()
    request_id = fields.String()
