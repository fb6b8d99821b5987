"""The dataset registry: each of the original's thirteen Garmin datasets, its route, table,
item schema, raw translator and queries; and the ingest and read paths they share.

Keys and paths are the original's (`training_endurance` is served at /endurance-score).
training_load_balance is a projection of training_status: it writes and reads the same rows.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError
from psycopg.types.json import Jsonb

from app.garmin import (
    item_schemas,
    queries,
    raw,
    schemas,
    translate_activities,
    translate_daily,
    translate_sleep,
)
from app.http import ApiError
from app.params import jsonb
from app.schemas import json_type_errors


def store_gps_tracks(*, customer_id: int, items: Jsonb) -> str:
    """A track needs its activity, stored for the same user: refuse the batch otherwise."""
    result = queries.upsert_activity_gps(customer_id=customer_id, items=items)
    if result["missing"]:
        ids = ", ".join(str(activity_id) for activity_id in result["missing"])
        raise ApiError(
            404,
            "Store the activity before its GPS track.",
            {"activity_id": [f"You have no activity with id {ids}."]},
        )
    return result["answer"]


@dataclass(frozen=True)
class Dataset:
    key: str
    path: str
    label: str
    table: str
    item_schema: type[Schema]
    translate: raw.Translator
    # Called with customer_id= and items= (a jsonb array), as the upserts are.
    store: Callable[..., str]
    list_rows: Callable[..., str]
    natural_key: str = "calendar_date"
    # Garmin files these under the morning the night ends; mode=correlation shifts them back.
    next_day: bool = False
    query_schema: type[Schema] = schemas.DatasetQuerySchema


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        key="sleep",
        path="sleep",
        label="sleep",
        table="sleep_data",
        item_schema=item_schemas.SleepItemSchema,
        translate=translate_sleep.translate_sleep,
        store=queries.upsert_sleep_data,
        list_rows=queries.list_daily_dataset,
        next_day=True,
    ),
    Dataset(
        key="summary",
        path="summary",
        label="daily summary",
        table="user_summary",
        item_schema=item_schemas.UserSummaryItemSchema,
        translate=translate_daily.translate_summary,
        store=queries.upsert_user_summary,
        list_rows=queries.list_daily_dataset,
    ),
    Dataset(
        key="body_composition",
        path="body-composition",
        label="body composition",
        table="body_composition",
        item_schema=item_schemas.BodyCompositionItemSchema,
        translate=translate_daily.translate_body_composition,
        store=queries.upsert_body_composition,
        list_rows=queries.list_daily_dataset,
    ),
    Dataset(
        key="hrv",
        path="hrv",
        label="HRV",
        table="hrv_data",
        item_schema=item_schemas.HrvItemSchema,
        translate=translate_daily.translate_hrv,
        store=queries.upsert_hrv_data,
        list_rows=queries.list_daily_dataset,
        next_day=True,
    ),
    Dataset(
        key="training_readiness",
        path="training-readiness",
        label="training readiness",
        table="training_readiness",
        item_schema=item_schemas.TrainingReadinessItemSchema,
        translate=translate_daily.translate_training_readiness,
        store=queries.upsert_training_readiness,
        list_rows=queries.list_daily_dataset,
    ),
    Dataset(
        key="training_endurance",
        path="endurance-score",
        label="endurance score",
        table="endurance_score",
        item_schema=item_schemas.EnduranceScoreItemSchema,
        translate=translate_daily.translate_endurance_score,
        store=queries.upsert_endurance_score,
        list_rows=queries.list_daily_dataset,
    ),
    Dataset(
        key="training_status",
        path="training-status",
        label="training status",
        table="training_status",
        item_schema=item_schemas.TrainingStatusItemSchema,
        translate=translate_daily.translate_training_status,
        store=queries.upsert_training_status,
        list_rows=queries.list_training_status,
    ),
    Dataset(
        key="training_load_balance",
        path="training-load-balance",
        label="training load balance",
        table="training_status",
        item_schema=item_schemas.TrainingLoadBalanceItemSchema,
        translate=translate_daily.translate_training_load_balance,
        store=queries.upsert_training_status,
        list_rows=queries.list_training_load_balance,
    ),
    Dataset(
        key="training_fitness_age",
        path="fitness-age",
        label="fitness age",
        table="fitness_age",
        item_schema=item_schemas.FitnessAgeItemSchema,
        translate=translate_daily.translate_fitness_age,
        store=queries.upsert_fitness_age,
        list_rows=queries.list_daily_dataset,
    ),
    Dataset(
        key="activity",
        path="activities",
        label="activity",
        table="activities",
        item_schema=item_schemas.ActivityItemSchema,
        translate=translate_activities.translate_activities,
        store=queries.upsert_activities,
        list_rows=queries.list_activities,
        natural_key="activity_id",
    ),
    Dataset(
        key="activity_gps",
        path="activity-gps",
        label="activity GPS",
        table="activity_gps",
        item_schema=item_schemas.ActivityGpsItemSchema,
        translate=translate_activities.translate_activity_gps,
        store=store_gps_tracks,
        list_rows=queries.list_activity_gps,
        natural_key="activity_id",
        query_schema=schemas.ActivityGpsQuerySchema,
    ),
    Dataset(
        key="daily_health_events",
        path="daily-health-events",
        label="daily health events",
        table="daily_health_events",
        item_schema=item_schemas.DailyHealthEventsItemSchema,
        translate=translate_daily.translate_daily_health_events,
        store=queries.upsert_daily_health_events,
        list_rows=queries.list_daily_dataset,
    ),
    Dataset(
        key="max_metrics",
        path="max-metrics",
        label="VO2 max metrics",
        table="max_metrics",
        item_schema=item_schemas.MaxMetricsItemSchema,
        translate=translate_daily.translate_max_metrics,
        store=queries.upsert_max_metrics,
        list_rows=queries.list_max_metrics,
    ),
)


def load_items(dataset: Dataset, body: Any, body_format: str) -> list[dict[str, Any]]:
    """The validated items of an ingest body: {'items': [...]}, or a raw python-garminconnect
    answer translated first. Every error is reported per field; nothing has been written."""
    if body is None:
        raise ValidationError({"body": ["Send a JSON body."]})
    if dataset.key == "activity" and body_format == "items" and _original_activities(body):
        return _load_original_activities(dataset, body)
    if body_format == "garminconnect":
        raw_items = dataset.translate(body)
        if len(raw_items) > schemas.MAX_ITEMS:
            raise ValidationError({"body": [f"Send at most {schemas.MAX_ITEMS} days at once."]})
    else:
        raw_items = schemas.ItemsBodySchema().load(body)["items"]
    item_schema = dataset.item_schema(many=True)
    # Items sent as documented must have the documented JSON types; translated ones are ours.
    wrong_types = {} if body_format == "garminconnect" else json_type_errors(item_schema, raw_items)
    try:
        if wrong_types:
            raise ValidationError(wrong_types)
        items = item_schema.load(raw_items)
    except ValidationError as error:
        raise ValidationError({"items": error.messages}) from error
    _refuse_repeated_keys(items, dataset.natural_key)
    return items


def _original_activities(body: Any) -> bool:
    """The original's POST /activities took one activity object or a list of them (and
    customer_id in the query); this service's own shape is {'items': [...]}."""
    return isinstance(body, list) or (isinstance(body, Mapping) and "items" not in body)


def _load_original_activities(dataset: Dataset, body: Any) -> list[dict[str, Any]]:
    entries = [body] if isinstance(body, Mapping) else body
    if not entries:
        raise ValidationError({"body": ["At least one activity payload is required."]})
    if len(entries) > schemas.MAX_ITEMS:
        raise ValidationError({"body": [f"Send at most {schemas.MAX_ITEMS} activities at once."]})
    raw_items = [translate_activities.translate_original_activity(entry) for entry in entries]
    try:
        # The original ignored the keys it did not know (raw Garmin objects carry many).
        items = dataset.item_schema(many=True, unknown=EXCLUDE).load(raw_items)
    except ValidationError as error:
        raise ValidationError({"items": error.messages}) from error
    _refuse_repeated_keys(items, dataset.natural_key)
    return items


def _refuse_repeated_keys(items: list[dict[str, Any]], key: str) -> None:
    """One statement writes a row once: the same day (or activity) twice is ambiguous."""
    first_seen: dict[Any, int] = {}
    errors: dict[int, dict[str, list[str]]] = {}
    for index, item in enumerate(items):
        seen = first_seen.setdefault(item[key], index)
        if seen != index:
            errors[index] = {key: [f"Repeats item {seen}; send each {key} once."]}
    if errors:
        raise ValidationError({"items": errors})


def store_items(dataset: Dataset, customer_id: int, items: list[dict[str, Any]]) -> str:
    """Upsert the batch in one statement; returns the JSON text of counts and stored rows."""
    return dataset.store(customer_id=customer_id, items=jsonb(items))


def read_rows(dataset: Dataset, customer_id: int, args: Mapping[str, Any]) -> str:
    """The dataset's rows for a loaded DatasetQuerySchema: each list query takes the subset of
    the query string it declares (its parameters are checked against its SQL at import)."""
    offered = {
        **args,
        "customer_id": customer_id,
        "row_limit": args.get("limit"),
        "row_offset": args.get("offset", 0),
        # list_daily_dataset serves several tables and is told which one.
        "dataset": dataset.table,
    }
    return dataset.list_rows(**{name: offered[name] for name in _parameters(dataset.list_rows)})


@cache
def _parameters(func: Callable[..., Any]) -> tuple[str, ...]:
    return tuple(inspect.signature(func).parameters)
