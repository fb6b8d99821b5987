"""The training system on the Garmin data: one typed function per file in sql/training/
(see app.db.query), keyword arguments only, customer_id first. Writes take the validated
fields as one JSON object; reads return JSON text that PostgreSQL built.

The athlete profile is named so (select_athlete_profile): aiapp.users' own profile is auth's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import partial
from typing import Any

from psycopg.types.json import Jsonb

from app.db import query as bound_query

# The database every statement below runs on; its search_path: aiapp or aiapp_nonprod
# (APP_ENV, GARMIN_SCHEMA in app/config.py).
query = partial(bound_query, database="garmin")

# --- profile ---------------------------------------------------------------------------------


@query("training/select_athlete_profile")
def select_athlete_profile(*, customer_id: int) -> str | None: ...


@query("training/upsert_athlete_profile")
def upsert_athlete_profile(*, customer_id: int, profile: Jsonb) -> str: ...


@query("training/delete_athlete_profile")
def delete_athlete_profile(*, customer_id: int) -> str | None: ...


# --- plans and workouts ----------------------------------------------------------------------


@query("training/insert_training_plan")
def insert_training_plan(*, customer_id: int, plan: Jsonb) -> str: ...


@query("training/list_training_plans")
def list_training_plans(*, customer_id: int, is_active: bool | None) -> str: ...


@query("training/select_training_plan")
def select_training_plan(*, customer_id: int, plan_id: int) -> str | None: ...


@query("training/update_training_plan")
def update_training_plan(*, customer_id: int, plan_id: int, patch: Jsonb) -> str | None: ...


@query("training/delete_training_plan")
def delete_training_plan(*, customer_id: int, plan_id: int) -> str | None: ...


@query("training/insert_planned_workout")
def insert_planned_workout(*, customer_id: int, plan_id: int, workout: Jsonb) -> str: ...


@query("training/update_planned_workout")
def update_planned_workout(*, customer_id: int, workout_id: int, patch: Jsonb) -> str | None: ...


@query("training/delete_planned_workout")
def delete_planned_workout(*, customer_id: int, workout_id: int) -> str | None: ...


@query("training/complete_planned_workout")
def complete_planned_workout(
    *, customer_id: int, workout_id: int, activity_id: int
) -> str | None: ...


# --- readiness, HRV readings, AI cache, sync history -----------------------------------------


@query("training/upsert_daily_readiness")
def upsert_daily_readiness(*, customer_id: int, readiness: Jsonb) -> str: ...


@query("training/list_daily_readiness")
def list_daily_readiness(
    *, customer_id: int, start_date: date | None, end_date: date | None
) -> str: ...


@query("training/delete_daily_readiness")
def delete_daily_readiness(*, customer_id: int, calendar_date: date) -> str | None: ...


@query("training/insert_hrv_reading")
def insert_hrv_reading(*, customer_id: int, reading: Jsonb) -> str: ...


@query("training/list_hrv_readings")
def list_hrv_readings(
    *, customer_id: int, start_date: date | None, end_date: date | None, reading_type: str | None
) -> str: ...


@query("training/delete_hrv_reading")
def delete_hrv_reading(*, customer_id: int, reading_id: int) -> str | None: ...


@query("training/hit_ai_cache")
def hit_ai_cache(*, customer_id: int, content_hash: str) -> str | None: ...


@query("training/upsert_ai_cache")
def upsert_ai_cache(*, customer_id: int, entry: Jsonb, ttl_seconds: int) -> str: ...


@query("training/purge_ai_cache")
def purge_ai_cache() -> int: ...


@query("training/insert_sync_history")
def insert_sync_history(*, customer_id: int, sync: Jsonb) -> str: ...


@query("training/finish_sync_history")
def finish_sync_history(*, customer_id: int, sync_id: int, result: Jsonb) -> str | None: ...


@query("training/list_sync_history")
def list_sync_history(*, customer_id: int, row_limit: int) -> str: ...


# --- the seed's query patterns ---------------------------------------------------------------


@query("training/list_daily_metrics")
def list_daily_metrics(*, customer_id: int, start_date: date, end_date: date) -> str: ...


@query("training/list_activities_range")
def list_activities_range(
    *, customer_id: int, start_date: date, end_date: date, activity_type: str | None
) -> str: ...


@query("training/select_weekly_summary")
def select_weekly_summary(*, customer_id: int, start_date: date, end_date: date) -> str: ...


@query("training/select_hrv_trend")
def select_hrv_trend(*, customer_id: int, end_date: date, days: int) -> str: ...


@query("training/select_hr_samples")
def select_hr_samples(*, customer_id: int, activity_id: int, buckets: int | None) -> str | None: ...


@query("training/create_hr_upload")
def create_hr_upload() -> int: ...


@query("training/copy_hr_upload")
def copy_hr_upload(rows: Iterable[Sequence[Any]]) -> int: ...


@query("training/upsert_hr_samples")
def upsert_hr_samples(*, customer_id: int, activity_id: int, replace: bool) -> dict[str, Any]: ...


@query("training/ensure_hr_upload_partitions")
def ensure_hr_upload_partitions() -> int: ...


@query("training/ensure_hr_partitions")
def ensure_hr_partitions(*, from_time: datetime, to_time: datetime) -> int: ...


@query("training/ensure_hr_partitions_ahead")
def ensure_hr_partitions_ahead(*, months: int) -> int: ...


@query("training/create_hr_seed")
def create_hr_seed() -> None: ...


@query("training/copy_hr_samples")
def copy_hr_samples(rows: Iterable[Sequence[Any]]) -> int: ...


@query("training/insert_hr_seed")
def insert_hr_seed() -> int: ...


@query("training/delete_activities_hr_samples")
def delete_activities_hr_samples(*, customer_id: int, activity_ids: list[int]) -> int: ...


# --- heart-rate partitions: `flask garmin partitions` and `retention` -------------------------


@query("training/select_garmin_schema")
def select_garmin_schema() -> str: ...


@query("training/list_hr_partitions")
def list_hr_partitions() -> list[dict[str, Any]]: ...


@query("training/lock_hr_partition")
def lock_hr_partition(*, month: date) -> bool: ...


@query("training/drop_hr_partition")
def drop_hr_partition(*, month: date) -> bool: ...


@query("training/recompute_training_load")
def recompute_training_load(*, customer_id: int, start_date: date, end_date: date) -> str: ...


@query("training/list_training_load")
def list_training_load(*, customer_id: int, start_date: date, end_date: date) -> str: ...


# --- sample data -----------------------------------------------------------------------------


@query("training/delete_all_garmin_rows")
def delete_all_garmin_rows() -> int: ...


@query("training/update_activity_hr_loads")
def update_activity_hr_loads(*, customer_id: int, start_date: date, end_date: date) -> str: ...
