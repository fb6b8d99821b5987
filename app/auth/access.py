"""Passwords, bearer tokens, and the one-line guard every protected view wears.

    @blp.route("/things")
    @auth_required
    def list_things():
        user = current_user()   # the acting user: the token's, or whom an admin acts for

The original clients send `customer_id` on every call. A user token may name only its own id
(another is 403); an admin token may name any user and then acts for that user.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from functools import wraps
from typing import Any

import bcrypt
from flask import current_app, g, request
from flask_smorest import Blueprint

from app.auth import queries
from app.http import ApiError

BCRYPT_MAX_BYTES = 72
# A real hash of a random password: unknown emails cost the same bcrypt check as known ones,
# so response time does not tell which emails have accounts.
_DUMMY_HASH = bcrypt.hashpw(secrets.token_bytes(16), bcrypt.gensalt(4)).decode()


def hash_password(password: str) -> str:
    rounds = current_app.config["SETTINGS"].bcrypt_rounds
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode()


def check_password(password: str, password_hash: str | None) -> bool:
    candidate = password.encode()
    if len(candidate) > BCRYPT_MAX_BYTES:
        return False
    matched = bcrypt.checkpw(candidate, (password_hash or _DUMMY_HASH).encode())
    return matched and password_hash is not None


def new_token() -> tuple[str, bytes]:
    """A random bearer token and the SHA-256 digest that is all the database keeps."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)


def token_digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


@dataclass(frozen=True)
class AuthContext:
    token_id: int
    token_customer_id: int
    token_role: str
    user: dict[str, Any]

    @property
    def is_admin(self) -> bool:
        return self.token_role == "admin"


# The original clients spell it both ways; request schemas accept both (app.schemas).
CUSTOMER_ID_KEYS = ("customer_id", "customerId")


def _requested_customer_id() -> int | None:
    body = request.get_json(silent=True) if request.is_json else None
    sources = [request.args, body if isinstance(body, dict) else {}]
    raw = next((src[key] for src in sources for key in CUSTOMER_ID_KEYS if key in src), None)
    if raw is None or raw == "":
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and raw.isdigit():
        value = int(raw)
    else:
        value = 0
    if value <= 0:
        raise ApiError(
            400,
            "Invalid input: see data.errors for each field.",
            {"customer_id": ["Must be a positive integer."]},
        )
    return value


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, message, headers={"WWW-Authenticate": 'Bearer realm="api"'})


def authenticate() -> AuthContext:
    """Resolve the bearer token and the acting user, once per request."""
    if "auth" in g:
        return g.auth
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("Send a bearer token: 'Authorization: Bearer <token>'.")
    requested = _requested_customer_id()
    row = queries.select_token_user(token_digest(token.strip()), requested)
    if row is None:
        raise _unauthorized("The token is invalid, expired or revoked; log in again.")
    user = {k: v for k, v in row.items() if not k.startswith("token_")}
    auth = AuthContext(row["token_id"], row["token_customer_id"], row["token_role"], user)
    if requested not in (None, auth.token_customer_id) and not auth.is_admin:
        raise ApiError(403, "A user token may act only for its own customer_id.")
    if user["customer_id"] is None:
        raise ApiError(404, f"No user has customer_id {requested}.")
    g.auth = auth
    return g.auth


def auth_required(view):
    """Require a valid bearer token for a view; documents the requirement in OpenAPI too."""

    @wraps(view)
    def guarded(*args, **kwargs):
        authenticate()
        return view(*args, **kwargs)

    return Blueprint.doc(security=[{"bearerAuth": []}])(guarded)


def admin_required(view):
    """Like auth_required, and the token itself must belong to an admin."""

    @wraps(view)
    def guarded(*args, **kwargs):
        if not authenticate().is_admin:
            raise ApiError(403, "This needs an admin token.")
        return view(*args, **kwargs)

    return Blueprint.doc(security=[{"bearerAuth": []}])(guarded)


def current_user() -> dict[str, Any]:
    """The user the request acts for (call inside a guarded view)."""
    return g.auth.user


def current_customer_id() -> int:
    """The customer_id every per-user query of the request is scoped to."""
    return g.auth.user["customer_id"]


def current_auth() -> AuthContext:
    return g.auth
