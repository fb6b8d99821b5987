"""The seed's own statement, in sql/seed/ (see app.db.query): its accounts."""

from __future__ import annotations

from typing import Any

from app.db import query


@query("seed/upsert_seed_users")
def upsert_seed_users(*, emails: list[str], password_hash: str) -> list[dict[str, Any]]: ...
