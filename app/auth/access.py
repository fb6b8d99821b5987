"""Passwords, bearer tokens, and the one-line guard every protected view wears.

    @blp.route("/things")
    @auth_required
    def list_things():
        customer_id = current_customer_id()   # the token's user's, or whom an admin acts for

The original clients send `customer_id` on every call. A user token may name only its own id
(another is 403); an admin token may name any user and then acts for that user.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

import bcrypt
from flask import current_app, g, request
from flask_smorest import Blueprint

from app import db
from app.auth import queries
from app.db import users_database
from app.http import ApiError
from app.schemas import BIGINT_MAX

BCRYPT_MAX_BYTES = 72


def hash_password(password: str) -> str:
    rounds = current_app.config["SETTINGS"].bcrypt_rounds
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode()


def check_password(password: str, password_hash: str) -> bool:
    """Whether `password` matches. Callers with no account to check pass a dummy hash of the
    same cost (app.auth.login.dummy_hash), so the answer takes as long either way."""
    candidate = password.encode()
    if len(candidate) > BCRYPT_MAX_BYTES:
        return False
    return bcrypt.checkpw(candidate, password_hash.encode())


def new_token() -> tuple[str, bytes]:
    """A random bearer token and the SHA-256 digest that is all the database keeps."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)


def token_digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


class AuthContext:
    """Who the request is: the token's user and role, and the user it acts for.

    `token_id` and, on a view marked answers_profile, `profile` (the acting user's profile as
    JSON text aiapp.profile_json built) are read from PostgreSQL with the token check; when
    that check was deferred to travel with the view's first statement, reading them settles it.
    """

    __slots__ = ("_profile", "_token_id", "customer_id", "token_customer_id", "token_role")

    def __init__(
        self,
        customer_id: int,
        token_customer_id: int,
        token_role: str,
        token_id: int | None = None,
    ) -> None:
        self.customer_id = customer_id
        self.token_customer_id = token_customer_id
        self.token_role = token_role
        self._token_id = token_id
        self._profile: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.token_role == "admin"

    @property
    def settled(self) -> bool:
        return self._token_id is not None

    @property
    def token_id(self) -> int:
        if self._token_id is None:
            db.settle(users_database())
        assert self._token_id is not None, "the deferred token check did not run"
        return self._token_id

    @property
    def profile(self) -> str:
        self.token_id  # noqa: B018 - settles a deferred check
        assert self._profile is not None, "the view is not marked answers_profile"
        return self._profile

    def confirm(self, row: dict[str, Any]) -> None:
        self._token_id = row["token_id"]
        self._profile = row.get("profile")


class StaleHint(Exception):
    """The token's role changed since this process last saw it: the view ran on a wrong
    assumption, so its transaction is rolled back and it runs again, checked first."""


# token digest -> (customer_id, role) as PostgreSQL last confirmed them, per process. Only a
# hint: it lets the token check travel with the view's first statement instead of costing a
# round trip of its own. Every request is still checked against the database's state in its
# own transaction before any result reaches the view; a revoked token is refused at once.
_HINTS: dict[bytes, tuple[int, str]] = {}
_HINTS_MAX = 10_000


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
    if not 0 < value <= BIGINT_MAX:
        raise ApiError(
            400,
            "Invalid input: see data.errors for each field.",
            {"customer_id": [f"Must be a positive integer up to {BIGINT_MAX}."]},
        )
    return value


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, message, headers={"WWW-Authenticate": 'Bearer realm="api"'})


def _bearer_digest() -> bytes:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("Send a bearer token: 'Authorization: Bearer <token>'.")
    return token_digest(token.strip())


def _checked(digest: bytes, requested: int | None, row: dict[str, Any] | None) -> AuthContext:
    """The token check's verdict on its row: who acts, or the refusal."""
    if row is None:
        _HINTS.pop(digest, None)
        raise _unauthorized("The token is invalid, expired or revoked; log in again.")
    if len(_HINTS) >= _HINTS_MAX:
        _HINTS.clear()
    _HINTS[digest] = (row["token_customer_id"], row["token_role"])
    auth = AuthContext(
        row["customer_id"] or 0, row["token_customer_id"], row["token_role"], row["token_id"]
    )
    if requested not in (None, auth.token_customer_id) and not auth.is_admin:
        raise ApiError(403, "A user token may act only for its own customer_id.")
    if row["customer_id"] is None:
        raise ApiError(404, f"No user has customer_id {requested}.")
    auth.confirm(row)
    return auth


def answers_profile(view):
    """Mark the view that answers with the acting user's profile (GET /auth/me): its token
    check reads the profile too (select_token_profile), so the answer costs no statement of
    its own. Put it below auth_required; the wrappers above copy the mark."""
    view.answers_profile = True
    return view


def _token_check() -> tuple[str, Callable[..., dict[str, Any] | None]]:
    """The request's token check, by name (to defer it) and to run: with the profile for a view
    marked answers_profile."""
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "answers_profile", False):
        return "auth/select_token_profile", queries.select_token_profile
    return "auth/select_token_user", queries.select_token_user


def authenticate(fresh: bool = False) -> AuthContext:
    """Resolve the bearer token and the acting user, once per request.

    With a hint for the token that allows what the request asks, the check is deferred: it
    travels with the view's first statement and is settled before that statement's result is
    used. Anything the hint would refuse is looked up now, so refusals always come from the
    database itself.
    """
    if "auth" in g and not fresh:
        return g.auth
    if fresh:
        db.rollback()  # a deferred check of the stale hint must not run with the fresh one
    digest = _bearer_digest()
    requested = _requested_customer_id()
    hint = None if fresh else _HINTS.get(digest)
    database = users_database()
    statement, check = _token_check()
    if (
        hint is None
        or (requested not in (None, hint[0]) and hint[1] != "admin")
        or database != db.current_database()  # users on another database: nothing to share
    ):
        g.auth = _checked(digest, requested, check(token_hash=digest, customer_id=requested))
        db.set_row_security(g.auth.customer_id)
        return g.auth
    auth = AuthContext(requested or hint[0], hint[0], hint[1])
    # Before the check is deferred, so the BEGIN it rides with carries the setting.
    db.set_row_security(auth.customer_id)

    def settle(row: dict[str, Any] | None) -> None:
        try:
            confirmed = _checked(digest, requested, row)
        except ApiError:
            g.pop("auth", None)  # refused: the request acts for nobody (nor is logged as anyone)
            db.set_row_security()
            raise
        if (confirmed.token_customer_id, confirmed.token_role) != hint:
            raise StaleHint()
        auth.confirm(row)  # type: ignore[arg-type]

    db.defer(statement, {"token_hash": digest, "customer_id": requested}, settle, database)
    g.auth = auth
    return auth


def settle_auth() -> ApiError | None:
    """Before an error answer: run a deferred token check, so that a refused token is answered
    as such rather than with the error of the input it sent. Returns the refusal, if any."""
    auth = g.get("auth")
    if auth is None or auth.settled:
        return None
    try:
        try:
            db.settle()
        except StaleHint:
            db.rollback()
            authenticate(fresh=True)
    except ApiError as refusal:
        return refusal
    return None


def _run_checked(view, args, kwargs, admin: bool = False):
    """Run a guarded view; settle a deferred token check it never needed; run it again on a
    fresh check when a stale hint made it assume the wrong role."""
    try:
        response = view(*args, **kwargs)
        db.settle()
        return response
    except StaleHint:
        db.rollback()  # the queued audit row and the admin bypass went with it
        auth = authenticate(fresh=True)
        if not auth.is_admin and admin:
            raise ApiError(403, "This needs an admin token.") from None
        _before_view(auth, admin)
        return view(*args, **kwargs)


def _before_view(auth: AuthContext, admin: bool) -> None:
    """What a guarded view's transaction carries besides the acting user: the admin routes'
    row-level security bypass, and the audit row of a health read."""
    if admin:
        # Administration works across users (lists, another user's export or erasure, the
        # catalogue's upkeep): row-level security's named bypass for admin-only routes.
        db.set_row_security(auth.customer_id, bypass="admin")
    record_health_read(auth)


def auth_required(view):
    """Require a valid bearer token for a view; documents the requirement in OpenAPI too."""

    @wraps(view)
    def guarded(*args, **kwargs):
        _before_view(authenticate(), admin=False)
        return _run_checked(view, args, kwargs)

    return Blueprint.doc(security=[{"bearerAuth": []}])(guarded)


def admin_required(view):
    """Like auth_required, and the token itself must belong to an admin."""

    @wraps(view)
    def guarded(*args, **kwargs):
        if not authenticate().is_admin and not authenticate(fresh=True).is_admin:
            raise ApiError(403, "This needs an admin token.")
        _before_view(g.auth, admin=True)
        return _run_checked(view, args, kwargs, admin=True)

    return Blueprint.doc(security=[{"bearerAuth": []}])(guarded)


def admin_across_users() -> None:
    """An admin token's view of every user on a route that also serves users (UFC's profile by
    email, every user's subscription summary): row-level security's named bypass "admin"."""
    db.set_row_security(current_customer_id(), bypass="admin")


# The databases whose blueprints' reads are health data: each GET of theirs, and each other
# route marked answers_health_data, is recorded in aiapp.health_reads (GET
# /api/v1/auth/me/reads lists them), the database's name as its dataset.
HEALTH_DATABASES = frozenset({"garmin", "blood", "clinical"})


def answers_health_data(view):
    """Mark a non-GET view of a health domain whose answer carries stored health data the
    request did not send (a recompute, a legacy read, a PATCH answering the whole row): it is
    audited like a GET. Put it below auth_required; the wrappers above copy the mark."""
    view.answers_health_data = True
    return view


def record_health_read(auth: AuthContext) -> None:
    """Queue the audit row of a health read with the request's next statement: it costs no
    round trip, commits only with the request (a refused token or an error answer rolls it
    back: nothing was read), and names the hinted reader, which the deferred token check
    confirms before any result is used."""
    if request.method != "GET" and not getattr(
        current_app.view_functions.get(request.endpoint or ""), "answers_health_data", False
    ):
        return
    blueprint = current_app.blueprints.get(request.blueprint or "")
    database = getattr(blueprint, "database", None)
    if database not in HEALTH_DATABASES:
        return
    db.defer(
        "auth/insert_health_read",
        {
            "customer_id": auth.customer_id,
            "reader_customer_id": auth.token_customer_id,
            "dataset": database,
            "route": request.url_rule.rule if request.url_rule else request.path,
            "request_id": g.get("request_id"),
        },
        _read_recorded,
        users_database(),
    )


def _read_recorded(inserted: int) -> None:
    """No health data leaves without its audit row."""
    if inserted != 1:
        raise RuntimeError(f"the health read's audit row was not written ({inserted} rows)")


def current_profile_json() -> str:
    """The profile of the user the request acts for, as JSON text aiapp.profile_json built
    (call inside a view marked answers_profile)."""
    return g.auth.profile


def current_customer_id() -> int:
    """The customer_id every per-user query of the request is scoped to."""
    return g.auth.customer_id


def current_auth() -> AuthContext:
    return g.auth
