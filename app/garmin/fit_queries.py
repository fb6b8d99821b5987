"""The .FIT import's statements: one typed function per file in sql/garmin/ (see app.db.query)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from psycopg.types.json import Jsonb

from app.db import query as bound_query

# The database every statement below runs on; its search_path: aiapp or aiapp_nonprod
# (APP_ENV, GARMIN_SCHEMA in app/config.py).
query = partial(bound_query, database="garmin")


@query("garmin/select_fit_file_activity")
def select_fit_file_activity(*, customer_id: int, file_identity: str) -> int | None: ...


@query("garmin/insert_fit_activity_start")
def insert_fit_activity_start(*, customer_id: int, start_time: datetime) -> int: ...


@query("garmin/insert_fit_activity")
def insert_fit_activity(
    *,
    customer_id: int,
    activity_id: int | None,
    fit: Jsonb,
    track: Jsonb | None,
    origin: datetime | None,
) -> int: ...


@query("garmin/select_fit_import")
def select_fit_import(*, customer_id: int, activity_id: int) -> str | None: ...
