"""Family invitations as stored: by the email the inviter typed, never by an account."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.habits.schemas import FAMILY_ROLES, FamilyDetailSchema, HabitsRequestSchema

# The email as the inviter typed it: an invitation names no account until it is accepted.
TYPED_EMAIL = "As the inviter typed it; matched to accounts in any letter case"


class InvitationEmailQuerySchema(HabitsRequestSchema):
    email = fields.Email(
        required=True, validate=validate.Length(max=320), metadata={"description": TYPED_EMAIL}
    )


class PendingInvitationSchema(Schema):
    email = fields.Email(metadata={"description": TYPED_EMAIL})
    role = fields.String(metadata={"enum": list(FAMILY_ROLES)})
    invited_by = fields.Integer(allow_none=True)
    invited_at = fields.DateTime()
    expires_at = fields.DateTime(metadata={"description": "No longer acceptable from then"})


class InvitationAnswerSchema(PendingInvitationSchema):
    invitation_id = fields.UUID()
    family_id = fields.UUID()


class FamilyWithInvitationsSchema(FamilyDetailSchema):
    invitations = fields.List(
        fields.Nested(PendingInvitationSchema),
        metadata={"description": "Open and expired invitations: owners and admins only"},
    )
