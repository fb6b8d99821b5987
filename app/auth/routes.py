"""/api/v1/auth: register, log in and out, and the caller's own profile."""

from __future__ import annotations

from typing import Any

from flask import Response, g, stream_with_context

from app import db
from app.auth import queries
from app.auth.access import (
    answers_profile,
    auth_required,
    current_auth,
    current_customer_id,
    current_profile_json,
    hash_password,
)
from app.auth.login import (
    check_own_password,
    counted_user_exists,
    create_account,
    finish_password_reset,
    log_in,
)
from app.auth.privacy import erase_user, stream_export
from app.auth.schemas import (
    EmailQuerySchema,
    ErasureSchema,
    ExistsSchema,
    HealthReadSchema,
    LoginSchema,
    MyHealthReadsQuerySchema,
    PasswordChangeSchema,
    PasswordConfirmSchema,
    PasswordResetSchema,
    ProfilePatchSchema,
    RegisterSchema,
    RevokedSchema,
    TokenSchema,
    UserSchema,
)
from app.http import ApiBlueprint, ApiError, RawJSON, api_ok, envelope, register_constraint
from app.params import jsonb

blp = ApiBlueprint(
    "auth",
    __name__,
    database="main",
    url_prefix="/api/v1/auth",
    description="Accounts and bearer tokens.",
)
register_constraint("users_email_lower_key", "email", "An account with this email already exists.")
register_constraint("users_username_lower_key", "username", "This username is taken.")


@blp.route("/register", methods=["POST"])
@blp.arguments(RegisterSchema)
@blp.response(201, envelope(UserSchema))
def register(payload):
    """Create an account (turned off by ALLOW_REGISTRATION=false)."""
    return api_ok(RawJSON(create_account(payload)["account"]), "Registered", 201)


@blp.route("/login", methods=["POST"])
@blp.arguments(LoginSchema)
@blp.response(200, envelope(TokenSchema))
def login(payload):
    """Log in with email and password; returns a bearer token, its expiry and the profile."""
    return api_ok(log_in(payload["email"], payload["password"]).answer, "Logged in")


@blp.route("/logout", methods=["POST"])
@auth_required
@blp.response(200, envelope(RevokedSchema))
def logout():
    """Revoke the token this request was sent with."""
    revoked = (
        queries.revoke_token(
            customer_id=current_auth().token_customer_id, token_id=current_auth().token_id
        )
        == 1
    )
    return api_ok({"revoked": revoked}, "Logged out")


@blp.route("/me", methods=["GET"])
@auth_required
@answers_profile
@blp.response(200, envelope(UserSchema))
def me():
    """The acting user's profile."""
    return api_ok(RawJSON(current_profile_json()))


@blp.route("/me", methods=["PATCH"])
@auth_required
@blp.arguments(ProfilePatchSchema)
@blp.response(200, envelope(UserSchema))
def update_me(payload):
    """Change display name, language, photo URL, sex or notifications; fields not sent
    keep their value."""
    user = queries.update_profile(customer_id=current_customer_id(), patch=jsonb(payload))
    return api_ok(RawJSON(user), "Profile updated")


@blp.route("/me/password", methods=["POST"])
@auth_required
@blp.arguments(PasswordChangeSchema)
@blp.response(200, envelope(RevokedSchema))
def change_password(payload):
    """Change the password (the old one is required); every other token is revoked."""
    customer_id = current_customer_id()
    check_own_password(customer_id, payload["old_password"], "old_password")
    queries.update_password(
        customer_id=customer_id,
        password_hash=hash_password(payload["new_password"]),
        keep_token_id=current_auth().token_id,
    )
    return api_ok({"revoked": True}, "Password changed; other sessions were logged out")


@blp.route("/user-exists", methods=["GET"])
@blp.arguments(EmailQuerySchema, location="query")
@blp.response(200, envelope(ExistsSchema))
def user_exists(args):
    """Whether an account uses this email (any letter case). Rate limited per client address
    like failed logins (429 with Retry-After)."""
    return api_ok({"exists": counted_user_exists(args["email"])})


EXPORT_DOC = {
    "description": "A zip: <schema>/<table>.csv for every table holding the user's rows, and "
    "manifest.json with each file's row count.",
    "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
}


def export_response(customer_id: int) -> Response:
    """The streamed export of one user: the request commits and answers at once, the archive
    is built while it is sent (app.auth.privacy.stream_export)."""
    pool = db.get_pools().pool(db.users_database())
    return Response(
        stream_with_context(stream_export(pool, customer_id)),
        mimetype="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="export-{customer_id}.zip"',
            "Cache-Control": "no-store",
        },
    )


def erase_account(customer_id: int) -> dict[str, Any]:
    """Erase one user in the request's transaction; returns the counts. Row-level security's
    named bypass: whether a family has other members is read from their memberships."""
    db.set_row_security(customer_id, bypass="erasure")
    if queries.lock_user(customer_id=customer_id) is None:
        raise ApiError(404, f"No user has customer_id {customer_id}.")
    return erase_user(db.connection(db.users_database()), customer_id)


@blp.route("/me/export", methods=["GET"])
@auth_required
@blp.doc(responses={"200": EXPORT_DOC})
def export_me():
    """Everything the acting user owns, in every schema, as one streamed zip (an admin acting
    for a user with customer_id gets theirs, audited as GET /admin/users/<id>/export is)."""
    auth = current_auth()
    if auth.token_customer_id != auth.customer_id:
        queries.insert_admin_audit(
            actor_customer_id=auth.token_customer_id,
            via="api",
            target_customer_id=auth.customer_id,
            action="export",
            detail=jsonb({}),
            request_id=g.get("request_id"),
        )
    return export_response(auth.customer_id)


def health_reads_page(customer_id: int, args: dict[str, Any]) -> dict[str, Any]:
    """One page of a user's health reads: data (JSON text) and how many it holds."""
    return queries.list_health_reads(
        customer_id=customer_id,
        reader_customer_id=args.get("reader_customer_id"),
        before=args.get("before"),
        max_rows=args["limit"],
    )


@blp.route("/me/reads", methods=["GET"])
@auth_required
@blp.arguments(MyHealthReadsQuerySchema, location="query")
@blp.response(200, envelope(HealthReadSchema, many=True))
def my_health_reads(args):
    """Who read the acting user's health data (Garmin, training, blood, clinical) through the
    API, newest first (keyset: pass the last read_id as before)."""
    return api_ok(RawJSON(health_reads_page(current_customer_id(), args)["data"]))


@blp.route("/me", methods=["DELETE"])
@auth_required
@blp.arguments(PasswordConfirmSchema)
@blp.response(200, envelope(ErasureSchema))
def erase_me(payload):
    """Erase the account and every row it owns, in one transaction (the password re-entered,
    limited like logins). Its tokens stop working at once; the clinical access log keeps its
    rows about the user under a pseudonym. Answers with the rows removed per table."""
    customer_id = current_customer_id()
    if current_auth().token_customer_id != customer_id:
        raise ApiError(403, "Erase another user with DELETE /api/v1/auth/admin/users/<id>.")
    check_own_password(customer_id, payload["password"], "password")
    return api_ok(erase_account(customer_id), "Erased")


@blp.route("/password-reset", methods=["POST"])
@blp.arguments(PasswordResetSchema)
@blp.response(200, envelope(RevokedSchema))
def password_reset(payload):
    """Set a new password with the one-time code of a reset an admin forced; then log in."""
    finish_password_reset(payload["email"], payload["code"], payload["new_password"])
    return api_ok({"revoked": True}, "Password set; log in with it")
