"""/api/v1/habits/families: families, invitations and members, and a family's day.

Only a family's owners and admins invite and rename; only owners change roles, remove members,
withdraw invitations and delete it; the last owner cannot leave (409). What a user may not see
is a 404. An invitation is stored for the email typed, whether or not an account has it, so
its answer never tells which emails have accounts.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from app import db
from app.auth.access import auth_required, current_customer_id
from app.auth.login import limit_account_lookups
from app.habits import queries
from app.habits.access import (
    EDIT_FAMILY,
    EDITORS,
    INVITATION_DAYS,
    OWNERS_ONLY,
    RESTORE_NOTE,
    RESTORE_WINDOW_DAYS,
    denied,
    keeps_an_owner,
    refusal,
    written,
)
from app.habits.invitation_schemas import (
    FamilyWithInvitationsSchema,
    InvitationAnswerSchema,
    InvitationEmailQuerySchema,
)
from app.habits.schemas import (
    FamilyNameSchema,
    FamilySchema,
    InvitationSchema,
    MemberRoleSchema,
    MembershipSchema,
    OnDateQuerySchema,
    TodaySchema,
)
from app.http import (
    ApiBlueprint,
    ApiError,
    RawJSON,
    api_ok,
    envelope,
    found,
)

blp = ApiBlueprint(
    "habits_families",
    __name__,
    database="habits",
    url_prefix="/api/v1/habits/families",
    description="Families: members, invitations, roles, and a family's habits due today.",
)


@blp.route("", methods=["POST"])
@auth_required
@blp.arguments(FamilyNameSchema)
@blp.response(201, envelope(FamilySchema))
def create_family(payload):
    """Create a family, with you as its owner."""
    return api_ok(
        RawJSON(queries.insert_family(customer_id=current_customer_id(), **payload)),
        "Family created",
        201,
    )


@blp.route("", methods=["GET"])
@auth_required
@blp.response(200, envelope(FamilySchema, many=True))
def list_families():
    """Your families and the open invitations to your email (accepted_at null, expires_at
    set), with your role in each."""
    return api_ok(RawJSON(queries.list_families(customer_id=current_customer_id())))


@blp.route("/<uuid:family_id>", methods=["GET"])
@auth_required
@blp.response(200, envelope(FamilyWithInvitationsSchema))
def get_family(family_id):
    """A family you belong to, with its members; its owners and admins also see its
    invitations, as the emails they were sent to."""
    return api_ok(
        RawJSON(
            found(
                queries.select_family(family_id=family_id, customer_id=current_customer_id()),
                "family",
            )
        )
    )


@blp.route("/<uuid:family_id>", methods=["PATCH"])
@auth_required
@blp.arguments(FamilyNameSchema)
@blp.response(200, envelope(FamilySchema))
def rename_family(payload, family_id):
    """Rename a family (owners and admins)."""
    family = written(
        queries.update_family(
            family_id=family_id, customer_id=current_customer_id(), name=payload["name"]
        ),
        denied(queries.select_family_role, "family", EDIT_FAMILY, family_id=family_id),
    )
    return api_ok(RawJSON(family), "Family renamed")


@blp.route("/<uuid:family_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(FamilySchema))
def delete_family(family_id):
    """Delete a family with its habits and routines (an owner; restorable for 30 days)."""
    family = written(
        queries.delete_family(family_id=family_id, customer_id=current_customer_id()),
        denied(queries.select_family_role, "family", OWNERS_ONLY, family_id=family_id),
    )
    return api_ok(RawJSON(family), f"Family deleted; {RESTORE_NOTE}")


@blp.route("/<uuid:family_id>/restore", methods=["POST"])
@auth_required
@blp.response(200, envelope(FamilySchema))
def restore_family(family_id):
    """Bring back a family one of its owners deleted in the last 30 days."""
    family = queries.restore_family(
        family_id=family_id,
        customer_id=current_customer_id(),
        restore_window_days=RESTORE_WINDOW_DAYS,
    )
    return api_ok(RawJSON(found(family, "deleted family of yours to restore")), "Family restored")


@blp.route("/<uuid:family_id>/invitations", methods=["POST"])
@auth_required
@blp.arguments(InvitationSchema)
@blp.response(201, envelope(InvitationAnswerSchema))
def invite_member(payload, family_id):
    """Invite an email, with a role (owners and admins; owners invite owners).

    The same answer whether or not the email has an account: the invitation is stored for the
    email and whoever has it (now or after registering) sees it. Inviting it again renews it
    (role, inviter, 30 more days). Each invitation still counts against the client address's
    user-exists lookups (429 over the limit), which bounds invitation spam."""
    limit_account_lookups()
    invitation = written(
        queries.insert_invitation(
            family_id=family_id,
            customer_id=current_customer_id(),
            valid_days=INVITATION_DAYS,
            **payload,
        ),
        lambda: _invitation_refused(family_id, payload),
    )
    return api_ok(RawJSON(invitation), "Invitation sent", 201)


def _invitation_refused(family_id: UUID, payload: dict[str, Any]) -> ApiError:
    refused = _why_not_invited(family_id, payload)
    # The lookup invite_member counted must stay counted although the error answer rolls
    # back (the insert wrote nothing), or refused invitations would be free.
    db.commit()
    return refused


def _why_not_invited(family_id: UUID, payload: dict[str, Any]) -> ApiError:
    role = queries.select_family_role(family_id=family_id, customer_id=current_customer_id())
    if role not in EDITORS:
        return refusal(role, "family", EDIT_FAMILY)
    only_owner = {"role": ["Only an owner may invite an owner or change an owner's invitation."]}
    if payload["role"] == "owner" and role != "owner":
        return ApiError(403, OWNERS_ONLY, only_owner)
    if queries.select_invitation_role(family_id=family_id, email=payload["email"]) == "owner":
        return ApiError(403, OWNERS_ONLY, only_owner)
    # Left: the email of a live member, whom the inviter already sees in the member list.
    return ApiError(409, "Already in the family.", {"email": ["Already a member."]})


@blp.route("/<uuid:family_id>/invitations", methods=["DELETE"])
@auth_required
@blp.arguments(InvitationEmailQuerySchema, location="query")
@blp.response(200, envelope(InvitationAnswerSchema))
def withdraw_invitation(args, family_id):
    """Withdraw the invitation to an email, open or expired (owners)."""
    invitation = written(
        queries.delete_invitation(
            family_id=family_id, customer_id=current_customer_id(), email=args["email"]
        ),
        lambda: _withdrawal_refused(family_id),
    )
    return api_ok(RawJSON(invitation), "Invitation withdrawn")


def _withdrawal_refused(family_id: UUID) -> ApiError:
    role = queries.select_family_role(family_id=family_id, customer_id=current_customer_id())
    if role != "owner":
        return refusal(role, "family", OWNERS_ONLY)
    return ApiError(404, "No invitation to this email.", {"email": ["Not invited."]})


@blp.route("/<uuid:family_id>/accept", methods=["POST"])
@auth_required
@blp.response(200, envelope(MembershipSchema))
def accept_invitation(family_id):
    """Accept a family's unexpired invitation to your account's email: you become a member
    with the invitation's role."""
    membership = queries.accept_invitation(family_id=family_id, customer_id=current_customer_id())
    return api_ok(
        RawJSON(found(membership, "open invitation to this family")), "Welcome to the family"
    )


@blp.route("/<uuid:family_id>/leave", methods=["POST"])
@auth_required
@keeps_an_owner
@blp.response(200, envelope(MembershipSchema))
def leave_family(family_id):
    """Leave a family, or decline its invitation to your email (the last owner cannot leave:
    409)."""
    membership = queries.leave_family(family_id=family_id, customer_id=current_customer_id())
    return api_ok(RawJSON(found(membership, "membership of this family")), "You left the family")


@blp.route("/<uuid:family_id>/members/<int:member_id>", methods=["PATCH"])
@auth_required
@keeps_an_owner
@blp.arguments(MemberRoleSchema)
@blp.response(200, envelope(MembershipSchema))
def change_member_role(payload, family_id, member_id):
    """Change a member's role (owners; the last owner cannot stop being one: 409)."""
    membership = written(
        queries.update_member_role(
            family_id=family_id,
            customer_id=current_customer_id(),
            member_id=member_id,
            role=payload["role"],
        ),
        lambda: _member_refused(family_id),
    )
    return api_ok(RawJSON(membership), "Role changed")


@blp.route("/<uuid:family_id>/members/<int:member_id>", methods=["DELETE"])
@auth_required
@keeps_an_owner
@blp.response(200, envelope(MembershipSchema))
def remove_member(family_id, member_id):
    """Remove a member (owners; never the last owner: 409). Invitations are withdrawn by
    email: DELETE .../invitations?email=."""
    membership = written(
        queries.remove_member(
            family_id=family_id, customer_id=current_customer_id(), member_id=member_id
        ),
        lambda: _member_refused(family_id),
    )
    return api_ok(RawJSON(membership), "Member removed")


def _member_refused(family_id: UUID) -> ApiError:
    role = queries.select_family_role(family_id=family_id, customer_id=current_customer_id())
    if role != "owner":
        return refusal(role, "family", OWNERS_ONLY)
    return ApiError(404, "No such member of this family.")


@blp.route("/<uuid:family_id>/today", methods=["GET"])
@auth_required
@blp.arguments(OnDateQuerySchema, location="query")
@blp.response(200, envelope(TodaySchema))
def family_today(args, family_id):
    """Each member's family habits due today (or `on` a day), with what they logged."""
    today = queries.select_family_today(
        family_id=family_id, customer_id=current_customer_id(), on_date=args["on_date"]
    )
    return api_ok(RawJSON(found(today, "family")))
