"""Creating accounts and logging in, shared by /api/v1/auth and the aliases other domains keep
for their original clients.

Login has a per-email and per-address failure limit kept in PostgreSQL; unknown email and
wrong password get the same answer at the same cost. The same limits guard every other place
a password is guessed (password change, erasure, password reset), and user-exists lookups
count against a per-address bucket of their own.
"""

from __future__ import annotations

import secrets
from functools import cache
from typing import Any, NamedTuple

import bcrypt
from flask import current_app, request
from psycopg import errors as pg_errors

from app import db, metrics
from app.auth import queries
from app.auth.access import check_password, hash_password, new_token, token_digest
from app.db import users_database
from app.http import ApiError, RawJSON, joined


class Login(NamedTuple):
    """A login's answer, built by PostgreSQL around the new token, and the user's ids (the
    original chat client reads them at the top level of its answer)."""

    answer: RawJSON
    ids: RawJSON


# The unique keys whose violation on registration names an existing account.
ACCOUNT_KEYS = frozenset({"users_email_lower_key", "users_username_lower_key"})


def create_account(payload: dict[str, Any], role: str = "user") -> dict[str, Any]:
    """Create a user from a loaded RegisterSchema payload; refused when registration is off.
    Returns insert_user's row: the account as JSON text, and the UFC client's answer."""
    if not current_app.config["SETTINGS"].allow_registration:
        raise ApiError(403, "Registration is turned off on this server.")
    # The new user has no id to scope rows to until the insert returns it.
    db.set_row_security(bypass="register")
    fields = dict(payload)
    password_hash = hash_password(fields.pop("password"))
    try:
        return queries.insert_user(password_hash=password_hash, role=role, **fields)
    except pg_errors.UniqueViolation as taken:
        # "This email (or username) is taken" tells that an account exists: count it as a
        # user-exists lookup of the client address, kept although the 409 rolls back.
        if taken.diag.constraint_name not in ACCOUNT_KEYS:
            raise
        db.rollback()
        limit_account_lookups()
        db.commit()
        raise


@cache
def _dummy_hash(rounds: int) -> str:
    """A hash of a random secret at the cost real hashes use: an unknown email is checked
    against it, so it costs what a wrong password costs and timing tells no emails apart."""
    return bcrypt.hashpw(secrets.token_bytes(16), bcrypt.gensalt(rounds)).decode()


def dummy_hash() -> str:
    return _dummy_hash(current_app.config["SETTINGS"].bcrypt_rounds)


def _address() -> str:
    return request.remote_addr or "unknown"


def _too_many(retry_after: int | None, what: str = "failed attempts") -> None:
    if retry_after is not None:
        retry_after = max(1, retry_after)
        raise ApiError(
            429,
            f"Too many {what}; try again in {retry_after} seconds.",
            headers={"Retry-After": str(retry_after)},
        )


def _count_failure(email: str) -> None:
    settings = current_app.config["SETTINGS"]
    queries.record_login_failure(
        email=email, address=_address(), window_seconds=settings.login_failure_window_seconds
    )
    metrics.count_login_failure()
    db.commit()  # the failure must count although this request answers with an error


def check_own_password(customer_id: int, password: str, field: str) -> None:
    """Refuse (422 on `field`) a wrong password of a signed-in user, counted and limited like
    a failed login (429 once the email or the client address is over the limit)."""
    settings = current_app.config["SETTINGS"]
    row = queries.select_password_check(
        customer_id=customer_id,
        address=_address(),
        window_seconds=settings.login_failure_window_seconds,
        max_per_email=settings.login_max_failures_per_email,
        max_per_address=settings.login_max_failures_per_address,
    )
    if row is None:
        raise ApiError(404, f"No user has customer_id {customer_id}.")
    _too_many(row["retry_after"])
    if not check_password(password, row["password_hash"]):
        _count_failure(row["email"])
        raise ApiError(422, "The password is wrong.", {field: ["Wrong password."]})


def counted_user_exists(email: str) -> bool:
    """Whether an account uses this email (any letter case), for /auth/user-exists and UFC's
    /users/<email>/exists: as much an oracle as a failed login, so the lookup is counted
    against the client address like every answer that tells it (limit_account_lookups). The
    count travels with the lookup (one round trip) and a 429 refuses before its answer is
    read. The lookup reads any user's email: row-level security's named bypass."""
    db.set_row_security(bypass="user-exists")
    db.defer("auth/hit_rate_limit", _lookup_hit(), _refuse_lookups, users_database())
    return queries.select_user_exists(email=email)


def limit_account_lookups() -> None:
    """Count one answer that tells whether an email has an account (counted_user_exists, a family
    invitation, a taken email or username on registration) against the client address's
    lookups: 429 with Retry-After once it is over
    LOGIN_MAX_FAILURES_PER_ADDRESS in the window. One bucket for every such route, so that
    spreading the guesses over them gains nothing."""
    _refuse_lookups(queries.hit_rate_limit(**_lookup_hit()))


def _lookup_hit() -> dict[str, Any]:
    """hit_rate_limit's parameters: the one bucket of every account lookup of an address."""
    settings = current_app.config["SETTINGS"]
    return {
        "bucket": f"exists:{_address()}",
        "window_seconds": settings.login_failure_window_seconds,
        "max_hits": settings.login_max_failures_per_address,
    }


def _refuse_lookups(retry_after: int | None) -> None:
    _too_many(retry_after, "lookups")


def finish_password_reset(email: str, code: str, new_password: str) -> int:
    """Set a new password with the one-time code of an admin's forced reset; a wrong code
    counts as a failed login. Returns the customer_id."""
    db.set_row_security(bypass="password-reset")  # nobody is authenticated yet
    settings = current_app.config["SETTINGS"]
    candidate = queries.select_login_candidate(
        email=email,
        address=_address(),
        window_seconds=settings.login_failure_window_seconds,
        max_per_email=settings.login_max_failures_per_email,
        max_per_address=settings.login_max_failures_per_address,
    )
    _too_many(candidate["retry_after"], "failed logins")
    customer_id = queries.finish_password_reset(
        email=email, reset_hash=token_digest(code), password_hash=hash_password(new_password)
    )
    if customer_id is None:
        _count_failure(email)
        raise ApiError(422, "The reset code is wrong or expired.", {"code": ["Wrong or expired."]})
    return customer_id


def log_in(email: str, password: str) -> Login:
    """Check the password and issue a token: {token, token_type, expires_at, user}. `email` is
    the login as typed: an email, or (the original chat client's alias) a username.

    Lockout: LOGIN_MAX_FAILURES_PER_EMAIL failures for an email, or
    LOGIN_MAX_FAILURES_PER_ADDRESS from one client address, within
    LOGIN_FAILURE_WINDOW_SECONDS of the window's first failure refuse every attempt (429) until
    that window has passed; then the right password logs in again and clears the email's count.
    Nobody is authenticated until the password matches: row-level security's named bypass.
    """
    db.set_row_security(bypass="login")
    settings = current_app.config["SETTINGS"]
    address = _address()
    window = settings.login_failure_window_seconds
    candidate = queries.select_login_candidate(
        email=email,
        address=address,
        window_seconds=window,
        max_per_email=settings.login_max_failures_per_email,
        max_per_address=settings.login_max_failures_per_address,
    )
    _too_many(candidate["retry_after"], "failed logins")
    # Failures count against the account's email whichever login named it (email or
    # username), so the two spellings share one limit; an unknown login counts as typed.
    bucket = candidate["email"] or email
    known_hash = candidate["password_hash"]
    matched = check_password(password, known_hash or dummy_hash())
    if not matched or known_hash is None or candidate["disabled"]:
        _count_failure(bucket)
        raise ApiError(401, "Wrong email or password.")
    if candidate["password_reset_pending"]:
        raise ApiError(
            403,
            "An administrator asked for a new password: set one with POST "
            "/api/v1/auth/password-reset and the reset code they gave you.",
        )
    token, digest = new_token()
    issued = queries.insert_token(
        customer_id=candidate["customer_id"],
        token_hash=digest,
        ttl_seconds=settings.token_ttl_seconds,
        email=bucket,
    )
    # The token itself is never sent to the database (it keeps the digest): it is the one
    # member written in front of the answer PostgreSQL built.
    return Login(joined({"token": token}, RawJSON(issued["answer"])), RawJSON(issued["ids"]))
