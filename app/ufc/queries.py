"""Fighters, subscriptions, the candidate queue and UFC user lookups: one typed function per
file in sql/ufc/ (see app.db.query)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from psycopg.types.json import Jsonb

from app.db import Row
from app.db import query as bound_query

# The database every statement below runs on; its search_path: ufc (app/config.py).
query = partial(bound_query, database="ufc")


@query("ufc/select_fighters")
def select_fighters(
    *, customer_id: int, search: str | None, include_incomplete: bool, page: int, page_size: int
) -> Row: ...


@query("ufc/insert_fighter")
def insert_fighter(*, fighter: Jsonb) -> Row: ...


@query("ufc/update_fighter")
def update_fighter(*, fighter_id: int, patch: Jsonb) -> Row | None: ...


@query("ufc/toggle_subscription")
def toggle_subscription(
    *, customer_id: int, fighter_id: int, subscribe: bool | None
) -> Row | None: ...


@query("ufc/select_subscription_summaries")
def select_subscription_summaries(*, customer_id: int | None) -> Row: ...


@query("ufc/insert_fighter_candidate")
def insert_fighter_candidate(
    *, customer_id: int, full_name: str, description: str | None, dwcs_info: str | None
) -> Row: ...


@query("ufc/claim_fighter_candidate")
def claim_fighter_candidate(*, lease_seconds: int) -> str | None: ...


@query("ufc/finish_fighter_candidate")
def finish_fighter_candidate(
    *, candidate_id: int, outcome: str, error: str | None
) -> Row | None: ...


@query("ufc/select_account_by_email")
def select_account_by_email(*, customer_id: int, email: str, is_admin: bool) -> Row | None: ...


@query("ufc/create_fighter_import")
def create_fighter_import() -> int: ...


@query("ufc/copy_fighter_import")
def copy_fighter_import(rows: Iterable[Sequence[Any]]) -> int: ...


@query("ufc/upsert_fighter_import")
def upsert_fighter_import() -> Row: ...
