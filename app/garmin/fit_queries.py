"""The .FIT import's statements: one typed function per file in sql/garmin/ (see app.db.query)."""

from __future__ import annotations

from functools import partial
from typing import Any

from psycopg.types.json import Jsonb

from app.db import query as bound_query

# The database every statement below runs on; its search_path: aiapp or aiapp_nonprod
# (APP_ENV, GARMIN_SCHEMA in app/config.py).
query = partial(bound_query, database="garmin")


@query("garmin/insert_fit_activity")
def insert_fit_activity(*, customer_id: int, fit: Jsonb, track: Jsonb | None) -> dict[str, Any]: ...


@query("garmin/select_fit_import")
def select_fit_import(*, customer_id: int, activity_id: int) -> str | None: ...


@query("garmin/drop_hr_upload")
def drop_hr_upload() -> int: ...
