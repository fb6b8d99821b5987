"""Creating accounts and logging in, shared by /api/v1/auth and the aliases other domains keep
for their original clients.

Login has a per-email and per-address failure limit kept in PostgreSQL; unknown email and
wrong password get the same answer.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, request

from app import db, metrics
from app.auth import queries
from app.auth.access import check_password, hash_password, new_token
from app.http import ApiError

_USER_FIELDS = (
    "customer_id",
    "email",
    "username",
    "display_name",
    "role",
    "language",
    "photo_url",
    "created_at",
    "updated_at",
    "notification_enabled",
    "full_name",
)


def create_account(payload: dict[str, Any], role: str = "user") -> dict[str, Any]:
    """Create a user from a loaded RegisterSchema payload; refused when registration is off."""
    if not current_app.config["SETTINGS"].allow_registration:
        raise ApiError(403, "Registration is turned off on this server.")
    fields = dict(payload)
    password_hash = hash_password(fields.pop("password"))
    return queries.insert_user(password_hash=password_hash, role=role, **fields)


def log_in(email: str, password: str) -> dict[str, Any]:
    """Check the password and issue a token: {token, token_type, expires_at, user}. `email` is
    the login as typed: an email, or (the original chat client's alias) a username."""
    settings = current_app.config["SETTINGS"]
    address = request.remote_addr or "unknown"
    window = settings.login_failure_window_seconds
    candidate = queries.select_login_candidate(
        email,
        address,
        window,
        settings.login_max_failures_per_email,
        settings.login_max_failures_per_address,
    )
    if candidate["retry_after"] is not None:
        retry_after = max(1, candidate["retry_after"])
        raise ApiError(
            429,
            f"Too many failed logins; try again in {retry_after} seconds.",
            headers={"Retry-After": str(retry_after)},
        )
    # Failures count against the account's email whichever login named it (email or
    # username), so the two spellings share one limit; an unknown login counts as typed.
    bucket = candidate["email"] or email
    if not check_password(password, candidate["password_hash"]) or candidate["disabled"]:
        queries.record_login_failure(bucket, address, window)
        metrics.count_login_failure()
        db.commit()  # the failure must count although this request answers with an error
        raise ApiError(401, "Wrong email or password.")
    token, digest = new_token()
    issued = queries.insert_token(
        candidate["customer_id"], digest, settings.token_ttl_seconds, bucket
    )
    return {
        "token": token,
        "token_type": "Bearer",
        "expires_at": issued["expires_at"],
        "user": {field: candidate[field] for field in _USER_FIELDS},
    }
