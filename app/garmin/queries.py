"""Garmin storage: one typed function per file in sql/garmin/ (see app.db.query).

Tables are unqualified: the Garmin pool's search_path is aiapp in production and aiapp_nonprod
otherwise, so each statement runs against the schema of the environment. Ingest functions take
the batch as one JSON array (`items`) and upsert it in one statement.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from psycopg.types.json import Jsonb

from app.db import query as bound_query

# The database every statement below runs on; its search_path: aiapp or aiapp_nonprod
# (APP_ENV, GARMIN_SCHEMA in app/config.py).
query = partial(bound_query, database="garmin")

# --- ingest: one upsert statement per batch -------------------------------------------------


@query("garmin/upsert_user_summary")
def upsert_user_summary(*, customer_id: int, items: Jsonb) -> str: ...


@query("garmin/upsert_body_composition")
def upsert_body_composition(*, customer_id: int, items: Jsonb) -> str: ...


@query("garmin/upsert_hrv_data")
def upsert_hrv_data(*, customer_id: int, items: Jsonb) -> str: ...


@query("garmin/upsert_sleep_data")
def upsert_sleep_data(*, customer_id: int, items: Jsonb) -> str: ...


@query("garmin/upsert_training_readiness")
def upsert_training_readiness(*, customer_id: int, items: Jsonb) -> str: ...


@query("garmin/upsert_endurance_score")
def upsert_endurance_score(*, customer_id: int, items: Jsonb) -> str: ...


@query("garmin/upsert_training_status")
def upsert_training_status(*, customer_id: int, items: Jsonb) -> str: ...


@query("garmin/upsert_fitness_age")
def upsert_fitness_age(*, customer_id: int, items: Jsonb) -> str: ...


@query("garmin/upsert_daily_health_events")
def upsert_daily_health_events(*, customer_id: int, items: Jsonb) -> str: ...


@query("garmin/upsert_max_metrics")
def upsert_max_metrics(*, customer_id: int, items: Jsonb) -> str: ...


@query("garmin/upsert_activities")
def upsert_activities(*, customer_id: int, items: Jsonb) -> str: ...


@query("garmin/upsert_activity_gps")
def upsert_activity_gps(*, customer_id: int, items: Jsonb) -> dict[str, Any]: ...


# --- dataset reads: JSON text {items, count} built by PostgreSQL -----------------------------


@query("garmin/list_daily_dataset")
def list_daily_dataset(
    *,
    customer_id: int,
    dataset: str,
    start_date: date | None,
    end_date: date | None,
    mode: str,
    descending: bool,
    row_limit: int | None,
    row_offset: int,
) -> str: ...


@query("garmin/list_training_status")
def list_training_status(
    *,
    customer_id: int,
    start_date: date | None,
    end_date: date | None,
    ignore_null_vo2max: bool,
    ignore_null_training_load_data: bool,
    descending: bool,
    row_limit: int | None,
    row_offset: int,
) -> str: ...


@query("garmin/list_training_load_balance")
def list_training_load_balance(
    *,
    customer_id: int,
    start_date: date | None,
    end_date: date | None,
    descending: bool,
    row_limit: int | None,
    row_offset: int,
) -> str: ...


@query("garmin/list_activities")
def list_activities(
    *,
    customer_id: int,
    start_date: date | None,
    end_date: date | None,
    activity_id: int | None,
    descending: bool,
    row_limit: int | None,
    row_offset: int,
) -> str: ...


@query("garmin/list_activity_gps")
def list_activity_gps(
    *, customer_id: int, activity_id: int, start_date: date | None, end_date: date | None
) -> str: ...


@query("garmin/list_max_metrics")
def list_max_metrics(
    *,
    customer_id: int,
    start_date: date | None,
    end_date: date | None,
    target_date: date | None,
    descending: bool,
    row_limit: int | None,
    row_offset: int,
) -> str: ...


# --- one activity, the overview, the status -------------------------------------------------


@query("garmin/select_activity")
def select_activity(*, customer_id: int, activity_id: int) -> str | None: ...


@query("garmin/select_activity_weather")
def select_activity_weather(*, customer_id: int, activity_id: int) -> str | None: ...


@query("garmin/select_activity_hr_zones")
def select_activity_hr_zones(*, customer_id: int, activity_id: int) -> str | None: ...


@query("garmin/select_analysis_overview")
def select_analysis_overview(
    *,
    customer_id: int,
    start_date: date | None,
    end_date: date | None,
    mode: str,
    datasets: list[str],
    include_optimized: bool,
) -> str: ...


@query("garmin/select_dataset_stats")
def select_dataset_stats(*, customer_id: int) -> dict[str, Any]: ...
