"""/api/v1/auth/admin: user administration for admin tokens. Every action is recorded in
aiapp.admin_audit (who, on whom, what, the request id) in the statement that performs it."""

from __future__ import annotations

import secrets
from typing import Any

from flask import g

from app.auth import queries
from app.auth.access import admin_required, current_auth, token_digest
from app.auth.routes import EXPORT_DOC, erase_account, export_response, health_reads_page
from app.auth.schemas import (
    AdminActionSchema,
    AdminUserSchema,
    AuditEntrySchema,
    AuditQuerySchema,
    ErasureSchema,
    HealthReadSchema,
    HealthReadsQuerySchema,
    PasswordResetIssuedSchema,
    UserListQuerySchema,
)
from app.http import ApiBlueprint, ApiError, RawJSON, api_ok, envelope, joined
from app.params import jsonb

blp = ApiBlueprint(
    "auth_admin",
    __name__,
    database="main",
    url_prefix="/api/v1/auth/admin",
    description="User administration (admin tokens only); every action is audited.",
)
RESET_TTL_SECONDS = 24 * 3600


def like_prefix(search: str) -> str:
    """A LIKE pattern matching what starts with `search` (lowered), its wildcards escaped."""
    escaped = search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def administer(action: str, customer_id: int, **extra: Any) -> RawJSON:
    """Run one audited action on a user as the acting admin: its answer, the admin view of the
    user with tokens_revoked; 404 for no such user."""
    actor = current_auth().token_customer_id
    if customer_id == actor and action in ("disable", "revoke_admin"):
        raise ApiError(409, "An admin cannot disable or demote themselves; ask another admin.")
    row = queries.administer_user(
        action=action,
        customer_id=customer_id,
        actor_customer_id=actor,
        via="api",
        request_id=g.get("request_id"),
        **extra,
    )
    if row is None:
        raise ApiError(404, f"No user has customer_id {customer_id}.")
    return RawJSON(row["answer"])


def audit(action: str, customer_id: int, detail: dict[str, Any]) -> None:
    queries.insert_admin_audit(
        actor_customer_id=current_auth().token_customer_id,
        via="api",
        target_customer_id=customer_id,
        action=action,
        detail=jsonb(detail),
        request_id=g.get("request_id"),
    )


@blp.route("/users", methods=["GET"])
@admin_required
@blp.arguments(UserListQuerySchema, location="query")
@blp.response(200, envelope(AdminUserSchema, many=True))
def list_users(args):
    """List users by customer_id; search by email or username prefix, filter by role or
    disabled state."""
    search = args.get("search")
    users = queries.list_users(
        pattern=like_prefix(search) if search else None,
        role=args.get("role"),
        disabled=args.get("disabled"),
        max_rows=args["limit"],
        skip_rows=args["offset"],
    )
    return api_ok(RawJSON(users), meta={"limit": args["limit"], "offset": args["offset"]})


@blp.route("/users/<int:customer_id>/disable", methods=["POST"])
@admin_required
@blp.response(200, envelope(AdminActionSchema))
def disable_user(customer_id: int):
    """Disable a user: their tokens stop working at once (and are revoked), logins fail."""
    return api_ok(administer("disable", customer_id), "Disabled")


@blp.route("/users/<int:customer_id>/enable", methods=["POST"])
@admin_required
@blp.response(200, envelope(AdminActionSchema))
def enable_user(customer_id: int):
    """Enable a disabled user; they log in again (their old tokens stay revoked)."""
    return api_ok(administer("enable", customer_id), "Enabled")


@blp.route("/users/<int:customer_id>/password-reset", methods=["POST"])
@admin_required
@blp.response(200, envelope(PasswordResetIssuedSchema))
def force_password_reset(customer_id: int):
    """Force a new password: every token is revoked and logging in is refused until the user
    sets one with POST /api/v1/auth/password-reset and the one-time code answered here
    (valid 24 hours; a new reset replaces it)."""
    code = secrets.token_urlsafe(24)
    answer = administer(
        "password_reset",
        customer_id,
        reset_hash=token_digest(code),
        reset_ttl_seconds=RESET_TTL_SECONDS,
    )
    # The code is never sent to the database (it keeps the digest): Python adds it.
    return api_ok(joined(answer, {"reset_code": code}), "Password reset required")


@blp.route("/users/<int:customer_id>/admin", methods=["POST"])
@admin_required
@blp.response(200, envelope(AdminActionSchema))
def grant_admin(customer_id: int):
    """Make a user an admin (their tokens may then act for any user)."""
    return api_ok(administer("grant_admin", customer_id), "Admin granted")


@blp.route("/users/<int:customer_id>/admin", methods=["DELETE"])
@admin_required
@blp.response(200, envelope(AdminActionSchema))
def revoke_admin(customer_id: int):
    """Make an admin an ordinary user again (not yourself)."""
    return api_ok(administer("revoke_admin", customer_id), "Admin revoked")


@blp.route("/users/<int:customer_id>/export", methods=["GET"])
@admin_required
@blp.doc(responses={"200": EXPORT_DOC})
def export_user(customer_id: int):
    """Everything a user owns, as GET /api/v1/auth/me/export gives it to them."""
    if queries.lock_user(customer_id=customer_id) is None:
        raise ApiError(404, f"No user has customer_id {customer_id}.")
    audit("export", customer_id, {})
    return export_response(customer_id)


@blp.route("/users/<int:customer_id>", methods=["DELETE"])
@admin_required
@blp.response(200, envelope(ErasureSchema))
def erase_user(customer_id: int):
    """Erase a user and every row they own, as DELETE /api/v1/auth/me does (not yourself)."""
    if customer_id == current_auth().token_customer_id:
        raise ApiError(409, "Erase your own account with DELETE /api/v1/auth/me.")
    erased = erase_account(customer_id)
    audit("erase", customer_id, {"total_removed": erased["total_removed"]})
    return api_ok(erased, "Erased")


@blp.route("/users/<int:customer_id>/reads", methods=["GET"])
@admin_required
@blp.arguments(HealthReadsQuerySchema, location="query")
@blp.response(200, envelope(HealthReadSchema, many=True))
def list_user_reads(args, customer_id: int):
    """Who read a user's health data, as GET /api/v1/auth/me/reads shows it to them."""
    page = health_reads_page(customer_id, args)
    if not page["returned"] and not queries.select_customer_exists(customer_id=customer_id):
        raise ApiError(404, f"No user has customer_id {customer_id}.")
    return api_ok(RawJSON(page["data"]))


@blp.route("/audit", methods=["GET"])
@admin_required
@blp.arguments(AuditQuerySchema, location="query")
@blp.response(200, envelope(AuditEntrySchema, many=True))
def list_audit(args):
    """The administrative actions, newest first (keyset: pass the last audit_id as before)."""
    entries = queries.list_admin_audit(
        target_customer_id=args.get("target_customer_id"),
        before=args.get("before"),
        max_rows=args["limit"],
    )
    return api_ok(RawJSON(entries))
