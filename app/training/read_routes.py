"""/api/v1/garmin: the training system's reads over the Garmin data — seed 002's query
patterns (daily metrics, activity range, weekly summary, HRV trend), heart-rate samples with
their bulk upload, and training load (ACWR) with its recompute.

Its own blueprint on the Garmin pool and URL prefix, next to routes.py's records. Every view
acts for current_customer_id(); another user's activity is a 404.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import request
from marshmallow import ValidationError
from psycopg import errors as pg_errors

from app.auth.access import answers_health_data, auth_required, current_customer_id
from app.http import ApiBlueprint, ApiError, RawJSON, accepts, api_ok, envelope, found
from app.training import queries
from app.training.read_answers import (
    DailyMetricsListSchema,
    HrSamplesSchema,
    HrUploadResultSchema,
    HrvTrendDayListSchema,
    RangeActivityListSchema,
    TrainingLoadListSchema,
    WeeklySummarySchema,
)
from app.training.samples import HrSamplesQuerySchema, HrUploadQuerySchema, HrUploadSchema
from app.training.schemas import (
    ActivityRangeQuerySchema,
    DailyMetricsQuerySchema,
    HrvTrendQuerySchema,
    RequiredWindowSchema,
    WeeklySummaryQuerySchema,
)

blp = ApiBlueprint(
    "training_reads",
    __name__,
    database="garmin",
    url_prefix="/api/v1/garmin",
    description="Training reads: daily metrics, weekly summary, HRV trend, HR samples, load.",
)
# recompute_training_load warms its windows on this many days before the first one it writes.
LOAD_HISTORY = timedelta(days=41)


# --- the seed's query patterns ---------------------------------------------------------------


@blp.route("/daily-metrics", methods=["GET"])
@auth_required
@blp.arguments(DailyMetricsQuerySchema, location="query")
@blp.response(200, envelope(DailyMetricsListSchema))
def daily_metrics(args):
    """One row a day joining summary, sleep, HRV, body composition, fitness age, status."""
    rows = queries.list_daily_metrics(
        customer_id=current_customer_id(), start_date=args["start_date"], end_date=args["end_date"]
    )
    return api_ok(RawJSON(rows), "Retrieved daily metrics", meta={"query": args})


@blp.route("/activities/range", methods=["GET"])
@auth_required
@blp.arguments(ActivityRangeQuerySchema, location="query")
@blp.response(200, envelope(RangeActivityListSchema))
def activities_range(args):
    """Your activities in a date window, optionally of one type."""
    rows = queries.list_activities_range(
        customer_id=current_customer_id(),
        start_date=args["start_date"],
        end_date=args["end_date"],
        activity_type=args["activity_type"],
    )
    return api_ok(RawJSON(rows), "Retrieved activities", meta={"query": args})


@blp.route("/weekly-summary", methods=["GET"])
@auth_required
@blp.arguments(WeeklySummaryQuerySchema, location="query")
@blp.response(200, envelope(WeeklySummarySchema))
def weekly_summary(args):
    """Per ISO week: activities, duration, distance, load, HR-zone time, by type."""
    weeks = queries.select_weekly_summary(
        customer_id=current_customer_id(), start_date=args["start_date"], end_date=args["end_date"]
    )
    return api_ok(RawJSON(weeks), "Retrieved weekly summary", meta={"query": args})


@blp.route("/hrv/trend", methods=["GET"])
@auth_required
@blp.arguments(HrvTrendQuerySchema, location="query")
@blp.response(200, envelope(HrvTrendDayListSchema))
def hrv_trend(args):
    """Nightly HRV with its 7-day rolling mean and 28-day baseline band."""
    end = args["end_date"] or datetime.now(UTC).date()
    trend = queries.select_hrv_trend(
        customer_id=current_customer_id(), end_date=end, days=args["days"]
    )
    return api_ok(
        RawJSON(trend), "Retrieved HRV trend", meta={"end_date": end, "days": args["days"]}
    )


@blp.route("/activity/<int:activity_id>/hr-samples", methods=["GET"])
@auth_required
@blp.arguments(HrSamplesQuerySchema, location="query")
@blp.response(200, envelope(HrSamplesSchema))
def hr_samples(args, activity_id: int):
    """The heart-rate samples of one activity, optionally averaged into N buckets."""
    samples = queries.select_hr_samples(
        customer_id=current_customer_id(), activity_id=activity_id, buckets=args["downsample"]
    )
    return api_ok(
        RawJSON(found(samples, f"activity with id {activity_id}")), "Retrieved HR samples"
    )


@blp.route("/activity/<int:activity_id>/hr-samples", methods=["POST"])
@accepts("application/json", "text/csv")
@auth_required
@blp.arguments(HrUploadQuerySchema, location="query")
@blp.response(200, envelope(HrUploadResultSchema))
@blp.doc(
    requestBody={
        "required": True,
        "content": {
            "application/json": {"schema": HrUploadSchema},
            "text/csv": {"schema": {"type": "string", "example": "timestamp,heart_rate\n"}},
        },
    }
)
def upload_hr_samples(args, activity_id: int):
    """Bulk-store heart-rate samples (JSON arrays or CSV) in one upsert; merge or replace."""
    samples = HrUploadSchema().load(_upload_body())
    result = _store_samples(activity_id, samples, args["mode"] == "replace")
    return api_ok(RawJSON(result["answer"]), f"Stored {result['written']} HR samples")


def _upload_body() -> Any:
    """The JSON body, or a CSV with the columns timestamp,heart_rate as the same arrays."""
    if request.mimetype != "text/csv":
        return request.get_json(silent=True) or {}
    reader = csv.DictReader(io.StringIO(request.get_data(as_text=True)))
    if reader.fieldnames is None or not {"timestamp", "heart_rate"} <= set(reader.fieldnames):
        raise ValidationError({"body": ["Send a CSV with the columns timestamp,heart_rate."]})
    rows = list(reader)
    return {
        "timestamps": [row["timestamp"] for row in rows],
        "heart_rates": [row["heart_rate"] for row in rows],
    }


def _store_samples(activity_id: int, samples: dict[str, Any], replace: bool) -> dict[str, Any]:
    queries.create_hr_upload()
    queries.copy_hr_upload(zip(samples["timestamps"], samples["heart_rates"], strict=True))
    try:
        queries.ensure_hr_upload_partitions()
    except pg_errors.InvalidParameterValue:
        # The database's own window (a clock more than its hour of margin apart from this
        # host's): still the timestamps' fault, and the request's rollback stores nothing.
        raise ValidationError(
            {"timestamps": ["Outside 1989-01-01 to a day ahead of the database's clock."]}
        ) from None
    result = queries.upsert_hr_samples(
        customer_id=current_customer_id(), activity_id=activity_id, replace=replace
    )
    if not result["owned"]:
        raise ApiError(404, f"You have no activity with id {activity_id}.")
    return result


# --- training load ---------------------------------------------------------------------------


@blp.route("/training-load/recompute", methods=["POST"])
@auth_required
@blp.arguments(RequiredWindowSchema, location="query")
@blp.response(200, envelope(TrainingLoadListSchema))
@answers_health_data
def recompute_training_load(args):
    """Recompute daily load, ACWR and its band, fitness/fatigue/form, monotony, strain.

    An activity without Garmin's training load counts its heart-rate load (Banister's TRIMP
    from its samples and your profile's resting and max heart rate)."""
    queries.update_activity_hr_loads(
        customer_id=current_customer_id(),
        start_date=args["start_date"] - LOAD_HISTORY,
        end_date=args["end_date"],
    )
    rows = queries.recompute_training_load(
        customer_id=current_customer_id(), start_date=args["start_date"], end_date=args["end_date"]
    )
    return api_ok(RawJSON(rows), "Recomputed training load", meta={"query": args})


@blp.route("/training-load", methods=["GET"])
@auth_required
@blp.arguments(RequiredWindowSchema, location="query")
@blp.response(200, envelope(TrainingLoadListSchema))
def training_load(args):
    """Your training load rows in a date window, each with tracking_date (seed 002)."""
    rows = queries.list_training_load(
        customer_id=current_customer_id(), start_date=args["start_date"], end_date=args["end_date"]
    )
    return api_ok(RawJSON(rows), "Retrieved training load", meta={"query": args})
