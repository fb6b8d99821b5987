"""Users and tokens: one typed function per file in sql/auth/ (see app.db.query)."""

from __future__ import annotations

from functools import partial

from app.db import Row, users_domain
from app.db import query as bound_query

# Users and tokens live in aiapp; other blueprints authenticate through these queries too.
query = partial(bound_query, domain=users_domain)


@query("auth/insert_user")
def insert_user(
    email: str,
    password_hash: str,
    username: str | None,
    display_name: str | None,
    role: str,
    language: str | None,
    photo_url: str | None,
    notification_enabled: bool | None = None,
) -> Row: ...


@query("auth/select_user_exists")
def select_user_exists(email: str) -> bool: ...


@query("auth/select_login_candidate")
def select_login_candidate(
    email: str, address: str, window_seconds: int, max_per_email: int, max_per_address: int
) -> Row: ...


@query("auth/record_login_failure")
def record_login_failure(email: str, address: str, window_seconds: int) -> int: ...


@query("auth/insert_token")
def insert_token(customer_id: int, token_hash: bytes, ttl_seconds: int, email: str) -> Row: ...


@query("auth/select_token_user")
def select_token_user(token_hash: bytes, customer_id: int | None) -> Row | None: ...


@query("auth/revoke_token")
def revoke_token(token_id: int) -> int: ...


@query("auth/update_profile")
def update_profile(
    customer_id: int,
    display_name: str | None,
    language: str | None,
    photo_url: str | None,
    sex: str | None,
    set_display_name: bool,
    set_language: bool,
    set_photo_url: bool,
    set_sex: bool,
    notification_enabled: bool | None,
) -> Row: ...


@query("auth/select_password_hash")
def select_password_hash(customer_id: int) -> str | None: ...


@query("auth/update_password")
def update_password(customer_id: int, password_hash: str, keep_token_id: int) -> int: ...
