"""Payloads of the Garmin routes besides the items (app.garmin.item_schemas): the query strings,
the ingest body and the answers."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from app.garmin.field_types import (
    MAX_ITEMS,
    CalendarDate,
)
from app.garmin.item_schemas import (
    ActivityItemSchema,
)
from app.schemas import ActingSchema

# --- query strings -------------------------------------------------------------------------

MODES = ("standard", "correlation")
SORT_ORDERS = ("asc", "desc")
DATA_SOURCES = ("garmin", "database")


class WindowQuerySchema(ActingSchema):
    """A date window of one user's data (the original's start_date / end_date and mode)."""

    start_date = CalendarDate(load_default=None)
    end_date = CalendarDate(load_default=None)
    mode = fields.String(
        load_default="standard",
        validate=validate.OneOf(MODES),
        metadata={
            "description": "correlation shifts next-day datasets (sleep, HRV) back one day, "
            "to the day they describe."
        },
    )

    @validates_schema
    def _window_in_order(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            raise ValidationError("end_date is before start_date.", "end_date")


class DatasetQuerySchema(WindowQuerySchema):
    """The original's GarminDataQuery: window, sort, paging, mode, and dataset filters."""

    target_date = CalendarDate(
        load_default=None,
        metadata={"description": "max-metrics: the latest value on or before this day."},
    )
    sort = fields.String(validate=validate.OneOf(SORT_ORDERS))
    sort_type = fields.String(validate=validate.OneOf(SORT_ORDERS))
    limit = fields.Integer(load_default=None, validate=validate.Range(min=1, max=1000))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))
    ignore_null_vo2max = fields.Boolean(load_default=False)
    ignore_null_training_load_data = fields.Boolean(load_default=False)
    activity_id = fields.Integer(load_default=None, validate=validate.Range(min=1))
    # The original's provider switches: it could fetch from Garmin Connect and store what it
    # fetched. This service only stores, so every read answers from the database; its clients
    # still send them, so they are accepted (and validated) rather than refused.
    activity_name = fields.String(
        load_default=None,
        validate=validate.Length(max=255),
        metadata={"description": "Accepted for the original's clients; not used in a read."},
    )
    source = fields.String(
        validate=validate.OneOf(DATA_SOURCES),
        metadata={
            "description": "Accepted for the original's clients: reads always use the database."
        },
    )
    data_source = fields.String(
        validate=validate.OneOf(DATA_SOURCES),
        metadata={"description": "The original's second spelling of source."},
    )
    save_to_db = fields.Boolean(
        load_default=None,
        metadata={
            "description": "Accepted for the original's clients: nothing is fetched, so "
            "nothing is saved by a read."
        },
    )

    @post_load
    def _direction(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        # `sort_type` is the original's second spelling of `sort`.
        sort, sort_type = data.pop("sort", None), data.pop("sort_type", None)
        data["descending"] = (sort or sort_type) == "desc"
        return data


class ActivityGpsQuerySchema(DatasetQuerySchema):
    activity_id = fields.Integer(required=True, validate=validate.Range(min=1))


class IngestQuerySchema(ActingSchema):
    format = fields.String(
        load_default="items",
        validate=validate.OneOf(("items", "garminconnect")),
        metadata={
            "description": "items (default): the body is {'items': [...]} with the dataset's "
            "fields; garminconnect: the body is the raw answer of the python-garminconnect call."
        },
    )


# Datasets the overview can hold (select_analysis_overview.sql has a branch for each), and the
# original's default analysis set.
OVERVIEW_DATASETS = (
    "summary",
    "body_composition",
    "sleep",
    "hrv",
    "training_readiness",
    "training_endurance",
    "training_status",
    "training_fitness_age",
    "activity",
    "daily_health_events",
    "max_metrics",
)
DEFAULT_OVERVIEW_DATASETS = (
    "summary",
    "body_composition",
    "sleep",
    "hrv",
    "training_readiness",
    "training_endurance",
    "training_status",
    "activity",
)


class OverviewQuerySchema(DatasetQuerySchema):
    """The original's overview took its GarminDataQuery too: the window and mode select the
    rows; sort, limit, offset and the filters are accepted and do not shape the overview."""

    datasets = fields.List(
        fields.String(),
        load_default=None,
        metadata={
            "description": "Dataset keys, repeated or comma-separated; default: "
            + ", ".join(DEFAULT_OVERVIEW_DATASETS)
        },
    )
    include_optimized = fields.Boolean(load_default=True)

    @post_load
    def _dataset_keys(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if data["datasets"] is None:
            return data
        keys = [key.strip() for value in data["datasets"] for key in value.split(",")]
        unknown = sorted({key for key in keys if key not in OVERVIEW_DATASETS})
        if unknown:
            raise ValidationError(
                f"Unknown dataset {', '.join(unknown)}; use: {', '.join(OVERVIEW_DATASETS)}.",
                "datasets",
            )
        data["datasets"] = list(dict.fromkeys(keys))
        return data


# --- bodies and answers ---------------------------------------------------------------------


class ItemsBodySchema(ActingSchema):
    """The body of a normalized ingest: {'items': [...]} (one or many days)."""

    items = fields.List(
        fields.Dict(), required=True, validate=validate.Length(min=1, max=MAX_ITEMS)
    )


class DatasetRowsSchema(Schema):
    items = fields.List(fields.Dict())
    count = fields.Integer()


class IngestResultSchema(Schema):
    inserted = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    count = fields.Integer()
    items = fields.List(fields.Dict(), metadata={"description": "The stored rows."})
    gps = fields.Dict(metadata={"description": "activities: GPS tracks inserted/updated."})
    missing = fields.List(
        fields.Integer(), metadata={"description": "activity-gps: always empty (else 404)."}
    )


class StatusSchema(Schema):
    schema = fields.String()
    environment = fields.String()
    datasets = fields.Dict()


class OverviewSchema(Schema):
    datasets = fields.Dict()
    optimized = fields.List(fields.Dict())


class ActivitySchema(ActivityItemSchema):
    """An activity row (every column of its dataset, as ingested) and its GPS track."""

    customer_id = fields.Integer()
    planned_workout_id = fields.Integer(
        allow_none=True, metadata={"description": "The planned workout it completed, if any"}
    )
    gps_data = fields.Raw(
        allow_none=True, metadata={"description": "{'coordinates': [...]} or null"}
    )
    hr_training_load = fields.Float(
        allow_none=True,
        metadata={"description": "Banister's TRIMP from the heart-rate samples, if computed"},
    )
    training_load_method = fields.String(
        allow_none=True,
        metadata={
            "enum": ["device", "banister_trimp", None],
            "description": "Which load counts for this activity: Garmin's or the HR-based one",
        },
    )
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ActivityWeatherSchema(Schema):
    activity_id = fields.Integer()
    calendar_date = fields.Date(allow_none=True)
    activity_start_time = fields.DateTime(allow_none=True)
    activity_weather_temperature_on_start = fields.Float(
        allow_none=True, metadata={"description": "°C"}
    )
    activity_weather_relative_humidity_on_start = fields.Float(
        allow_none=True, metadata={"description": "%"}
    )
    activity_weather_wind_direction_on_start = fields.String(allow_none=True)
    activity_weather_wind_speed_on_start = fields.Float(
        allow_none=True, metadata={"description": "km/h"}
    )
    activity_weather_wind_gust_on_start = fields.Float(
        allow_none=True, metadata={"description": "km/h"}
    )
    activity_weather_type_desc = fields.String(allow_none=True)
    activity_watch_min_temperature = fields.Float(allow_none=True)
    activity_watch_max_temperature = fields.Float(allow_none=True)


class HrZonesSchema(Schema):
    activity_id = fields.Integer()
    total_seconds = fields.Float()
    zones = fields.List(fields.Dict())
