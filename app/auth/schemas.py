"""Payloads of the auth routes."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from app.auth.access import BCRYPT_MAX_BYTES
from app.schemas import ActingSchema, CamelCaseSchema, SeedNamesSchema, seed_names

LANGUAGE = validate.Regexp(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", error="Use a language tag like 'en' or 'pl'."
)


def _password_rules(value: str) -> None:
    if len(value) < 8:
        raise ValidationError("Use at least 8 characters.")
    if len(value.encode()) > BCRYPT_MAX_BYTES:
        raise ValidationError(
            f"Use at most {BCRYPT_MAX_BYTES} bytes (UTF-8); bcrypt ignores the rest."
        )


def Password(**kwargs) -> fields.String:
    return fields.String(required=True, load_only=True, validate=_password_rules, **kwargs)


class UserSchema(Schema):
    """A user's public profile; customer_id is the id the original API calls a user by."""

    customer_id = fields.Integer()
    email = fields.Email()
    username = fields.String(allow_none=True)
    display_name = fields.String(allow_none=True)
    role = fields.String(metadata={"enum": ["user", "admin"]})
    language = fields.String()
    photo_url = fields.String(allow_none=True)
    sex = fields.String(allow_none=True, metadata={"enum": ["female", "male"]})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    notification_enabled = fields.Boolean(
        metadata={"description": "Wants notifications (seed 003)"}
    )
    full_name = fields.String(
        allow_none=True, metadata={"description": "display_name, by seed 003's name"}
    )


def DisplayName(**kwargs) -> fields.String:
    return fields.String(
        validate=validate.Length(min=1, max=100),
        metadata=seed_names("full_name", seed="003"),
        **kwargs,
    )


def NotificationEnabled(**kwargs) -> fields.Boolean:
    return fields.Boolean(
        metadata={"description": "Whether the user wants notifications (seed 003); default true."},
        **kwargs,
    )


class RegisterSchema(SeedNamesSchema):
    email = fields.Email(required=True, validate=validate.Length(max=320))
    password = Password()
    username = fields.String(
        load_default=None,
        validate=validate.Regexp(
            r"^[A-Za-z0-9_.-]{2,50}$", error="Use 2-50 letters, digits, '_', '.' or '-'."
        ),
    )
    display_name = DisplayName(load_default=None)
    language = fields.String(load_default=None, validate=LANGUAGE)
    photo_url = fields.URL(load_default=None, validate=validate.Length(max=2048))
    notification_enabled = NotificationEnabled(load_default=None)


class LoginSchema(Schema):
    email = fields.Email(required=True)
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1))


class TokenSchema(Schema):
    token = fields.String()
    token_type = fields.String(metadata={"example": "Bearer"})
    expires_at = fields.DateTime()
    user = fields.Nested(UserSchema)


class ProfilePatchSchema(ActingSchema):
    display_name = DisplayName(allow_none=True)
    language = fields.String(validate=LANGUAGE)
    photo_url = fields.URL(allow_none=True, validate=validate.Length(max=2048))
    sex = fields.String(
        allow_none=True,
        validate=validate.OneOf(["female", "male"]),
        metadata={"description": "Picks the sex-specific reference ranges of blood tests."},
    )
    notification_enabled = NotificationEnabled()


class PasswordChangeSchema(Schema):
    old_password = fields.String(required=True, load_only=True)
    new_password = Password()


class EmailQuerySchema(CamelCaseSchema):
    email = fields.Email(required=True)


class ExistsSchema(Schema):
    exists = fields.Boolean()


class RevokedSchema(Schema):
    revoked = fields.Boolean()


class PasswordConfirmSchema(ActingSchema):
    """The password re-entered for an irreversible step (erasing the account)."""

    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1))


class PasswordResetSchema(Schema):
    email = fields.Email(required=True)
    code = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "The one-time code an admin's forced reset returned."},
    )
    new_password = Password()


class ErasureSchema(Schema):
    customer_id = fields.Integer()
    removed = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={"description": "Rows removed per table (schema.table), zeros included."},
    )
    pseudonymised = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={"description": "Rows kept with the user's id replaced by a pseudonym."},
    )
    total_removed = fields.Integer()


class AdminUserSchema(Schema):
    """A user as administrators see them."""

    customer_id = fields.Integer()
    email = fields.Email()
    username = fields.String(allow_none=True)
    display_name = fields.String(allow_none=True)
    role = fields.String(metadata={"enum": ["user", "admin"]})
    disabled = fields.Boolean()
    password_reset_pending = fields.Boolean()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class AdminActionSchema(AdminUserSchema):
    tokens_revoked = fields.Integer(metadata={"description": "Live tokens this action revoked."})


class PasswordResetIssuedSchema(AdminActionSchema):
    reset_code = fields.String(
        metadata={"description": "Give it to the user; shown once, stored only as a hash."}
    )
    reset_expires_at = fields.DateTime()


class UserListQuerySchema(CamelCaseSchema):
    search = fields.String(
        validate=validate.Length(min=1, max=320),
        metadata={"description": "Prefix of the email or username, any letter case."},
    )
    role = fields.String(validate=validate.OneOf(["user", "admin"]))
    disabled = fields.Boolean()
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))


class AuditQuerySchema(CamelCaseSchema):
    target_customer_id = fields.Integer(
        validate=validate.Range(min=1), metadata={"description": "Only actions on this user."}
    )
    before = fields.Integer(
        validate=validate.Range(min=1),
        metadata={"description": "Keyset cursor: audit_id of the last row of the previous page."},
    )
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class AuditEntrySchema(Schema):
    audit_id = fields.Integer()
    actor_customer_id = fields.Integer(
        allow_none=True, metadata={"description": "The admin; null from the command line."}
    )
    via = fields.String(metadata={"enum": ["api", "cli"]})
    target_customer_id = fields.Integer()
    action = fields.String(
        metadata={
            "enum": [
                "disable",
                "enable",
                "password_reset",
                "grant_admin",
                "revoke_admin",
                "export",
                "erase",
            ]
        }
    )
    detail = fields.Dict()
    request_id = fields.String(allow_none=True)
    recorded_at = fields.DateTime()


class HealthReadsQuerySchema(CamelCaseSchema):
    reader_customer_id = fields.Integer(
        validate=validate.Range(min=1), metadata={"description": "Only reads by this token user."}
    )
    before = fields.Integer(
        validate=validate.Range(min=1),
        metadata={"description": "Keyset cursor: read_id of the last row of the previous page."},
    )
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class MyHealthReadsQuerySchema(HealthReadsQuerySchema, ActingSchema):
    """The acting user's reads; an admin names the user with customer_id."""


class HealthReadSchema(Schema):
    read_id = fields.Integer()
    customer_id = fields.Integer(metadata={"description": "Whose data was read."})
    reader_customer_id = fields.Integer(
        metadata={"description": "Whose token read it: the user, or an admin acting for them."}
    )
    acted_for = fields.Boolean(metadata={"description": "The reader was not the user."})
    dataset = fields.String(metadata={"enum": ["garmin", "blood", "clinical"]})
    route = fields.String(metadata={"description": "The route read, e.g. /api/v1/garmin/sleep."})
    request_id = fields.String(allow_none=True)
    read_at = fields.DateTime()
