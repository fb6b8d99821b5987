"""/api/v1/garmin: the training system on the Garmin data — athlete profile, training plans and
their workouts, daily readiness, HRV readings, the AI answer cache, sync history, training load
(ACWR) and the seed's read patterns (daily metrics, activity range, weekly summary, HRV trend,
heart-rate samples with bulk upload).

A second blueprint of the garmin domain (same pool, same prefix) so the dataset routes stay
in routes.py. Every view acts for current_user(); another user's row is a 404.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import request
from marshmallow import ValidationError
from psycopg.types.json import Jsonb

from app.auth.access import auth_required, current_customer_id
from app.garmin import training_queries as queries
from app.garmin.training_schemas import (
    ActivityRangeQuerySchema,
    CacheEntrySchema,
    CompleteWorkoutSchema,
    CompletionSchema,
    DailyMetricsQuerySchema,
    DateWindowSchema,
    HrSamplesQuerySchema,
    HrSamplesSchema,
    HrUploadQuerySchema,
    HrUploadResultSchema,
    HrUploadSchema,
    HrvReadingQuerySchema,
    HrvReadingSchema,
    HrvTrendQuerySchema,
    PlanPatchSchema,
    PlanQuerySchema,
    PlanSchema,
    ProfileSchema,
    ReadinessSchema,
    RequiredWindowSchema,
    SyncFinishSchema,
    SyncListQuerySchema,
    SyncStartSchema,
    TrainingRowSchema,
    TrainingRowsSchema,
    WeeklySummaryQuerySchema,
    WeeklySummarySchema,
    WorkoutPatchSchema,
    WorkoutSchema,
)
from app.http import (
    ApiError,
    DomainBlueprint,
    RawJSON,
    accepts,
    affected,
    api_ok,
    dumps,
    envelope,
    found,
    register_constraint,
)

blp = DomainBlueprint(
    "garmin_training",
    __name__,
    domain="garmin",
    url_prefix="/api/v1/garmin",
    description="Training on the Garmin data: profile, plans, readiness, load, HR samples.",
)
# recompute_training_load warms its windows on this many days before the first one it writes.
LOAD_HISTORY = timedelta(days=41)
register_constraint(
    "hrv_readings_natural_key", "reading_time", "A reading of this type at this time is stored."
)
register_constraint(
    "activities_planned_workout_key", "workout_id", "Another activity already completed it."
)


def _fields(payload: dict[str, Any]) -> Jsonb:
    """The validated fields as one JSON object for a statement (the acting id is not one)."""
    return Jsonb({k: v for k, v in payload.items() if k != "customer_id"}, dumps=dumps)


# --- profile ---------------------------------------------------------------------------------


@blp.route("/profile", methods=["GET"])
@auth_required
@blp.response(200, envelope(TrainingRowSchema))
def get_profile():
    """Your athlete profile."""
    return api_ok(
        RawJSON(found(queries.select_user_profile(current_customer_id()), "profile")),
        "Retrieved profile",
    )


@blp.route("/profile", methods=["PUT"])
@auth_required
@blp.arguments(ProfileSchema)
@blp.response(200, envelope(TrainingRowSchema))
def put_profile(payload):
    """Create or replace your athlete profile."""
    return api_ok(
        RawJSON(queries.upsert_user_profile(current_customer_id(), _fields(payload))),
        "Stored profile",
    )


@blp.route("/profile", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(TrainingRowSchema))
def delete_profile():
    """Delete your athlete profile."""
    affected(queries.delete_user_profile(current_customer_id()), "profile")
    return api_ok({"deleted": True}, "Deleted profile")


# --- plans and workouts ----------------------------------------------------------------------


@blp.route("/plans", methods=["POST"])
@auth_required
@blp.arguments(PlanSchema)
@blp.response(201, envelope(TrainingRowSchema))
def create_plan(payload):
    """Create a training plan (end_date is also answered as seed 002's target_date)."""
    plan = queries.insert_training_plan(current_customer_id(), _fields(payload))
    return api_ok(RawJSON(plan), "Created training plan", 201)


@blp.route("/plans", methods=["GET"])
@auth_required
@blp.arguments(PlanQuerySchema, location="query")
@blp.response(200, envelope(TrainingRowsSchema))
def list_plans(args):
    """Your plans with their derived completion percent (is_active filters); with target_date."""
    return api_ok(
        RawJSON(queries.list_training_plans(current_customer_id(), args["is_active"])),
        "Listed plans",
    )


@blp.route("/plans/<int:plan_id>", methods=["GET"])
@auth_required
@blp.response(200, envelope(TrainingRowSchema))
def get_plan(plan_id: int):
    """One plan with its workouts, each completed or not, and the completion percent."""
    plan = queries.select_training_plan(current_customer_id(), plan_id)
    return api_ok(RawJSON(found(plan, f"training plan {plan_id}")), "Retrieved training plan")


@blp.route("/plans/<int:plan_id>", methods=["PATCH"])
@auth_required
@blp.arguments(PlanPatchSchema)
@blp.response(200, envelope(TrainingRowSchema))
def update_plan(payload, plan_id: int):
    """Change fields of one plan."""
    plan = queries.update_training_plan(current_customer_id(), plan_id, _fields(payload))
    return api_ok(RawJSON(found(plan, f"training plan {plan_id}")), "Updated training plan")


@blp.route("/plans/<int:plan_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(TrainingRowSchema))
def delete_plan(plan_id: int):
    """Delete one plan and its workouts."""
    affected(
        queries.delete_training_plan(current_customer_id(), plan_id), f"training plan {plan_id}"
    )
    return api_ok({"plan_id": plan_id, "deleted": True}, "Deleted training plan")


@blp.route("/plans/<int:plan_id>/workouts", methods=["POST"])
@auth_required
@blp.arguments(WorkoutSchema)
@blp.response(201, envelope(TrainingRowSchema))
def create_workout(payload, plan_id: int):
    """Add a planned workout to one of your plans; answers add training_plan_id, was_completed."""
    workout = queries.insert_planned_workout(current_customer_id(), plan_id, _fields(payload))
    return api_ok(RawJSON(workout), "Created planned workout", 201)


@blp.route("/workouts/<int:workout_id>", methods=["PATCH"])
@auth_required
@blp.arguments(WorkoutPatchSchema)
@blp.response(200, envelope(TrainingRowSchema))
def update_workout(payload, workout_id: int):
    """Change fields of one planned workout (athlete feedback too)."""
    workout = queries.update_planned_workout(current_customer_id(), workout_id, _fields(payload))
    return api_ok(
        RawJSON(found(workout, f"planned workout {workout_id}")), "Updated planned workout"
    )


@blp.route("/workouts/<int:workout_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(TrainingRowSchema))
def delete_workout(workout_id: int):
    """Delete one planned workout."""
    affected(
        queries.delete_planned_workout(current_customer_id(), workout_id),
        f"planned workout {workout_id}",
    )
    return api_ok({"workout_id": workout_id, "deleted": True}, "Deleted planned workout")


@blp.route("/workouts/<int:workout_id>/complete", methods=["POST"])
@auth_required
@blp.arguments(CompleteWorkoutSchema)
@blp.response(200, envelope(CompletionSchema))
def complete_workout(payload, workout_id: int):
    """Mark a planned workout completed by one of your activities."""
    done = queries.complete_planned_workout(
        current_customer_id(), workout_id, payload["activity_id"]
    )
    return api_ok(RawJSON(found(done, f"activity {payload['activity_id']}")), "Completed workout")


# --- readiness, HRV readings -----------------------------------------------------------------


@blp.route("/readiness", methods=["PUT"])
@auth_required
@blp.arguments(ReadinessSchema)
@blp.response(200, envelope(TrainingRowSchema))
def put_readiness(payload):
    """Create or replace the readiness verdict of one day (answered with readiness_date too)."""
    stored = queries.upsert_daily_readiness(current_customer_id(), _fields(payload))
    return api_ok(RawJSON(stored), "Stored readiness")


@blp.route("/readiness", methods=["GET"])
@auth_required
@blp.arguments(DateWindowSchema, location="query")
@blp.response(200, envelope(TrainingRowsSchema))
def list_readiness(args):
    """Your readiness verdicts in a date window, each with readiness_date (seed 002)."""
    rows = queries.list_daily_readiness(current_customer_id(), args["start_date"], args["end_date"])
    return api_ok(RawJSON(rows), "Listed readiness", meta={"query": args})


@blp.route("/readiness/<calendar_date>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(TrainingRowSchema))
def delete_readiness(calendar_date: str):
    """Delete the readiness verdict of one day (YYYY-MM-DD)."""
    try:
        day = date.fromisoformat(calendar_date)
    except ValueError as error:
        raise ApiError(400, "Invalid date.", {"calendar_date": ["Use YYYY-MM-DD."]}) from error
    affected(
        queries.delete_daily_readiness(current_customer_id(), day), f"readiness for {calendar_date}"
    )
    return api_ok({"calendar_date": calendar_date, "deleted": True}, "Deleted readiness")


@blp.route("/hrv-readings", methods=["POST"])
@auth_required
@blp.arguments(HrvReadingSchema)
@blp.response(201, envelope(TrainingRowSchema))
def create_hrv_reading(payload):
    """Store one HRV reading."""
    reading = queries.insert_hrv_reading(current_customer_id(), _fields(payload))
    return api_ok(RawJSON(reading), "Stored HRV reading", 201)


@blp.route("/hrv-readings", methods=["GET"])
@auth_required
@blp.arguments(HrvReadingQuerySchema, location="query")
@blp.response(200, envelope(TrainingRowsSchema))
def list_hrv_readings(args):
    """Your HRV readings in a date window, optionally of one type."""
    rows = queries.list_hrv_readings(
        current_customer_id(), args["start_date"], args["end_date"], args["reading_type"]
    )
    return api_ok(RawJSON(rows), "Listed HRV readings", meta={"query": args})


@blp.route("/hrv-readings/<int:reading_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(TrainingRowSchema))
def delete_hrv_reading(reading_id: int):
    """Delete one HRV reading."""
    affected(
        queries.delete_hrv_reading(current_customer_id(), reading_id), f"HRV reading {reading_id}"
    )
    return api_ok({"reading_id": reading_id, "deleted": True}, "Deleted HRV reading")


# --- AI cache, sync history ------------------------------------------------------------------


@blp.route("/cache/<content_hash>", methods=["GET"])
@auth_required
@blp.response(200, envelope(TrainingRowSchema))
def get_cached_analysis(content_hash: str):
    """A cached AI answer by content hash (counts the hit; expired entries are not served)."""
    entry = queries.hit_ai_cache(current_customer_id(), content_hash)
    return api_ok(RawJSON(found(entry, "unexpired cached analysis with this hash")), "Cache hit")


@blp.route("/cache", methods=["PUT"])
@auth_required
@blp.arguments(CacheEntrySchema)
@blp.response(200, envelope(TrainingRowSchema))
def put_cached_analysis(payload):
    """Store (or replace) an AI answer under its content hash for ttl_seconds."""
    ttl = payload.pop("ttl_seconds")
    return api_ok(
        RawJSON(queries.upsert_ai_cache(current_customer_id(), _fields(payload), ttl)), "Cached"
    )


@blp.route("/sync-history", methods=["POST"])
@auth_required
@blp.arguments(SyncStartSchema)
@blp.response(201, envelope(TrainingRowSchema))
def start_sync(payload):
    """Start a sync record (status running); answers add sync_status, sync_started_at."""
    return api_ok(
        RawJSON(queries.insert_sync_history(current_customer_id(), _fields(payload))),
        "Started",
        201,
    )


@blp.route("/sync-history/<int:sync_id>", methods=["PATCH"])
@auth_required
@blp.arguments(SyncFinishSchema)
@blp.response(200, envelope(TrainingRowSchema))
def finish_sync(payload, sync_id: int):
    """Finish a running sync record: outcome, counts, errors."""
    finished = queries.finish_sync_history(current_customer_id(), sync_id, _fields(payload))
    return api_ok(RawJSON(found(finished, f"running sync {sync_id}")), "Finished sync")


@blp.route("/sync-history", methods=["GET"])
@auth_required
@blp.arguments(SyncListQuerySchema, location="query")
@blp.response(200, envelope(TrainingRowsSchema))
def list_syncs(args):
    """Your latest sync records, newest first, with seed 002's sync_status and sync_started_at."""
    return api_ok(
        RawJSON(queries.list_sync_history(current_customer_id(), args["limit"])), "Listed syncs"
    )


# --- the seed's query patterns ---------------------------------------------------------------


@blp.route("/daily-metrics", methods=["GET"])
@auth_required
@blp.arguments(DailyMetricsQuerySchema, location="query")
@blp.response(200, envelope(TrainingRowsSchema))
def daily_metrics(args):
    """One row a day joining summary, sleep, HRV, body composition, fitness age, status."""
    rows = queries.list_daily_metrics(current_customer_id(), args["start_date"], args["end_date"])
    return api_ok(RawJSON(rows), "Retrieved daily metrics", meta={"query": args})


@blp.route("/activities/range", methods=["GET"])
@auth_required
@blp.arguments(ActivityRangeQuerySchema, location="query")
@blp.response(200, envelope(TrainingRowsSchema))
def activities_range(args):
    """Your activities in a date window, optionally of one type."""
    rows = queries.list_activities_range(
        current_customer_id(), args["start_date"], args["end_date"], args["activity_type"]
    )
    return api_ok(RawJSON(rows), "Retrieved activities", meta={"query": args})


@blp.route("/weekly-summary", methods=["GET"])
@auth_required
@blp.arguments(WeeklySummaryQuerySchema, location="query")
@blp.response(200, envelope(WeeklySummarySchema))
def weekly_summary(args):
    """Per ISO week: activities, duration, distance, load, HR-zone time, by type."""
    weeks = queries.select_weekly_summary(
        current_customer_id(), args["start_date"], args["end_date"]
    )
    return api_ok(RawJSON(weeks), "Retrieved weekly summary", meta={"query": args})


@blp.route("/hrv/trend", methods=["GET"])
@auth_required
@blp.arguments(HrvTrendQuerySchema, location="query")
@blp.response(200, envelope(TrainingRowsSchema))
def hrv_trend(args):
    """Nightly HRV with its 7-day rolling mean and 28-day baseline band."""
    end = args["end_date"] or datetime.now(UTC).date()
    trend = queries.select_hrv_trend(current_customer_id(), end, args["days"])
    return api_ok(
        RawJSON(trend), "Retrieved HRV trend", meta={"end_date": end, "days": args["days"]}
    )


@blp.route("/activity/<int:activity_id>/hr-samples", methods=["GET"])
@auth_required
@blp.arguments(HrSamplesQuerySchema, location="query")
@blp.response(200, envelope(HrSamplesSchema))
def hr_samples(args, activity_id: int):
    """The heart-rate samples of one activity, optionally averaged into N buckets."""
    samples = queries.select_hr_samples(current_customer_id(), activity_id, args["downsample"])
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
    return api_ok(result, f"Stored {result['written']} HR samples")


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
    queries.ensure_hr_upload_partitions()
    result = queries.upsert_hr_samples(current_customer_id(), activity_id, replace)
    if not result["owned"]:
        raise ApiError(404, f"You have no activity with id {activity_id}.")
    return {
        "activity_id": activity_id,
        "mode": "replace" if replace else "merge",
        "written": result["written"],
        "deleted": result["deleted"],
    }


# --- training load ---------------------------------------------------------------------------


@blp.route("/training-load/recompute", methods=["POST"])
@auth_required
@blp.arguments(RequiredWindowSchema, location="query")
@blp.response(200, envelope(TrainingRowsSchema))
def recompute_training_load(args):
    """Recompute daily load, ACWR and its band, fitness/fatigue/form, monotony, strain.

    An activity without Garmin's training load counts its heart-rate load (Banister's TRIMP
    from its samples and your profile's resting and max heart rate)."""
    queries.update_activity_hr_loads(
        current_customer_id(), args["start_date"] - LOAD_HISTORY, args["end_date"]
    )
    rows = queries.recompute_training_load(
        current_customer_id(), args["start_date"], args["end_date"]
    )
    return api_ok(RawJSON(rows), "Recomputed training load", meta={"query": args})


@blp.route("/training-load", methods=["GET"])
@auth_required
@blp.arguments(RequiredWindowSchema, location="query")
@blp.response(200, envelope(TrainingRowsSchema))
def training_load(args):
    """Your training load rows in a date window, each with tracking_date (seed 002)."""
    rows = queries.list_training_load(current_customer_id(), args["start_date"], args["end_date"])
    return api_ok(RawJSON(rows), "Retrieved training load", meta={"query": args})
