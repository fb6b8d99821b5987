"""The seed's own statement, in sql/seed/ (see app.db.query): its accounts."""

from __future__ import annotations

from functools import partial
from typing import Any

from app.db import query as bound_query

# The database every statement below runs on; its search_path: aiapp (app/config.py).
query = partial(bound_query, database="main")


@query("seed/upsert_seed_users")
def upsert_seed_users(*, emails: list[str], password_hash: str) -> list[dict[str, Any]]: ...
