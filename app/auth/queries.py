"""Users and tokens: one typed function per file in sql/auth/ (see app.db.query)."""

from __future__ import annotations

from functools import partial

from psycopg.types.json import Jsonb

from app.db import Row, users_database
from app.db import query as bound_query

# Users and tokens live in aiapp; other blueprints authenticate through these queries too.
query = partial(bound_query, database=users_database)


@query("auth/insert_user")
def insert_user(
    *,
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
def select_user_exists(*, email: str) -> bool: ...


@query("auth/select_login_candidate")
def select_login_candidate(
    *, email: str, address: str, window_seconds: int, max_per_email: int, max_per_address: int
) -> Row: ...


@query("auth/record_login_failure")
def record_login_failure(*, email: str, address: str, window_seconds: int) -> int: ...


@query("auth/insert_token")
def insert_token(*, customer_id: int, token_hash: bytes, ttl_seconds: int, email: str) -> Row: ...


@query("auth/select_token_user")
def select_token_user(*, customer_id: int | None, token_hash: bytes) -> Row | None: ...


@query("auth/select_token_profile")
def select_token_profile(*, customer_id: int | None, token_hash: bytes) -> Row | None: ...


@query("auth/revoke_token")
def revoke_token(*, customer_id: int, token_id: int) -> int: ...


@query("auth/update_profile")
def update_profile(*, customer_id: int, patch: Jsonb) -> str: ...


@query("auth/update_password")
def update_password(*, customer_id: int, password_hash: str, keep_token_id: int) -> int: ...


@query("auth/select_password_check")
def select_password_check(
    *, customer_id: int, address: str, window_seconds: int, max_per_email: int, max_per_address: int
) -> Row | None: ...


@query("auth/hit_rate_limit")
def hit_rate_limit(*, bucket: str, window_seconds: int, max_hits: int) -> int | None: ...


@query("auth/finish_password_reset")
def finish_password_reset(*, email: str, reset_hash: bytes, password_hash: str) -> int | None: ...


@query("auth/list_users")
def list_users(
    *, pattern: str | None, role: str | None, disabled: bool | None, max_rows: int, skip_rows: int
) -> str: ...


@query("auth/administer_user")
def administer_user(
    *,
    customer_id: int,
    action: str,
    actor_customer_id: int | None,
    via: str,
    request_id: str | None,
    reset_hash: bytes | None = None,
    reset_ttl_seconds: int = 0,
) -> Row | None: ...


@query("auth/insert_admin_audit")
def insert_admin_audit(
    *,
    actor_customer_id: int | None,
    via: str,
    target_customer_id: int,
    action: str,
    detail: Jsonb,
    request_id: str | None,
) -> int: ...


@query("auth/list_admin_audit")
def list_admin_audit(
    *, target_customer_id: int | None, before: int | None, max_rows: int
) -> str: ...


@query("privacy/lock_user")
def lock_user(*, customer_id: int) -> Row | None: ...


@query("auth/select_customer_id")
def select_customer_id(*, email: str) -> int | None: ...


@query("auth/list_health_reads")
def list_health_reads(
    *, customer_id: int, reader_customer_id: int | None, before: int | None, max_rows: int
) -> Row: ...


@query("auth/select_customer_exists")
def select_customer_exists(*, customer_id: int) -> bool: ...
