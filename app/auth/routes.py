"""/api/v1/auth: register, log in and out, and the caller's own profile."""

from __future__ import annotations

from app.auth import queries
from app.auth.access import (
    auth_required,
    check_password,
    current_auth,
    current_customer_id,
    current_user,
    hash_password,
)
from app.auth.login import create_account, log_in
from app.auth.schemas import (
    EmailQuerySchema,
    ExistsSchema,
    LoginSchema,
    PasswordChangeSchema,
    ProfilePatchSchema,
    RegisterSchema,
    RevokedSchema,
    TokenSchema,
    UserSchema,
)
from app.http import ApiError, DomainBlueprint, api_ok, envelope, register_constraint

blp = DomainBlueprint(
    "auth",
    __name__,
    domain="main",
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
    return api_ok(create_account(payload), "Registered", 201)


@blp.route("/login", methods=["POST"])
@blp.arguments(LoginSchema)
@blp.response(200, envelope(TokenSchema))
def login(payload):
    """Log in with email and password; returns a bearer token, its expiry and the profile."""
    return api_ok(log_in(payload["email"], payload["password"]), "Logged in")


@blp.route("/logout", methods=["POST"])
@auth_required
@blp.response(200, envelope(RevokedSchema))
def logout():
    """Revoke the token this request was sent with."""
    revoked = queries.revoke_token(current_auth().token_id) == 1
    return api_ok({"revoked": revoked}, "Logged out")


@blp.route("/me", methods=["GET"])
@auth_required
@blp.response(200, envelope(UserSchema))
def me():
    """The acting user's profile."""
    return api_ok(current_user())


@blp.route("/me", methods=["PATCH"])
@auth_required
@blp.arguments(ProfilePatchSchema)
@blp.response(200, envelope(UserSchema))
def update_me(payload):
    """Change display name, language, photo URL, sex or notifications; fields not sent
    keep their value."""
    user = queries.update_profile(
        customer_id=current_customer_id(),
        display_name=payload.get("display_name"),
        language=payload.get("language"),
        photo_url=payload.get("photo_url"),
        sex=payload.get("sex"),
        set_display_name="display_name" in payload,
        set_language="language" in payload,
        set_photo_url="photo_url" in payload,
        set_sex="sex" in payload,
        notification_enabled=payload.get("notification_enabled"),
    )
    return api_ok(user, "Profile updated")


@blp.route("/me/password", methods=["POST"])
@auth_required
@blp.arguments(PasswordChangeSchema)
@blp.response(200, envelope(RevokedSchema))
def change_password(payload):
    """Change the password (the old one is required); every other token is revoked."""
    customer_id = current_customer_id()
    if not check_password(payload["old_password"], queries.select_password_hash(customer_id)):
        raise ApiError(422, "The old password is wrong.", {"old_password": ["Wrong password."]})
    queries.update_password(
        customer_id, hash_password(payload["new_password"]), current_auth().token_id
    )
    return api_ok({"revoked": True}, "Password changed; other sessions were logged out")


@blp.route("/user-exists", methods=["GET"])
@blp.arguments(EmailQuerySchema, location="query")
@blp.response(200, envelope(ExistsSchema))
def user_exists(args):
    """Whether an account uses this email (any letter case)."""
    return api_ok({"exists": queries.select_user_exists(args["email"])})
