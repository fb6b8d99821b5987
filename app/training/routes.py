"""/api/v1/garmin: the training system's records — athlete profile, training plans and their
workouts, daily readiness, HRV readings, the AI answer cache and sync history. The seed's reads,
heart-rate samples and training load are in read_routes.py.

Its own blueprint on the Garmin pool and URL prefix (the original's clients call these URLs);
the datasets the sync worker writes are app/garmin's. Every view acts for current_customer_id();
another user's row is a 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from psycopg.types.json import Jsonb

from app.auth.access import answers_health_data, auth_required, current_customer_id
from app.http import (
    ApiBlueprint,
    ApiError,
    RawJSON,
    api_ok,
    envelope,
    found,
    register_constraint,
)
from app.params import jsonb
from app.training import queries
from app.training.answers import (
    AthleteProfileSchema,
    CachedAnalysisSchema,
    CompletionSchema,
    DeletedHrvReadingSchema,
    DeletedPlanSchema,
    DeletedProfileSchema,
    DeletedReadinessSchema,
    DeletedWorkoutSchema,
    PlannedWorkoutSchema,
    ReadinessVerdictListSchema,
    ReadinessVerdictSchema,
    StoredHrvReadingListSchema,
    StoredHrvReadingSchema,
    SyncRecordListSchema,
    SyncRecordSchema,
    TrainingPlanDetailSchema,
    TrainingPlanListSchema,
    TrainingPlanSchema,
)
from app.training.schemas import (
    CacheEntrySchema,
    CompleteWorkoutSchema,
    DateWindowSchema,
    HrvReadingQuerySchema,
    HrvReadingSchema,
    PlanPatchSchema,
    PlanQuerySchema,
    PlanSchema,
    ProfileSchema,
    ReadinessSchema,
    SyncFinishSchema,
    SyncListQuerySchema,
    SyncStartSchema,
    WorkoutPatchSchema,
    WorkoutSchema,
)

blp = ApiBlueprint(
    "training",
    __name__,
    database="garmin",
    url_prefix="/api/v1/garmin",
    description="Training records: profile, plans, workouts, readiness, HRV, cache, sync.",
)
register_constraint(
    "hrv_readings_natural_key", "reading_time", "A reading of this type at this time is stored."
)
register_constraint(
    "activities_planned_workout_key", "workout_id", "Another activity already completed it."
)


def _fields(payload: dict[str, Any]) -> Jsonb | None:
    """The validated fields as one JSON object for a statement; the acting id is not one of
    them (the statements take customer_id as its own parameter)."""
    return jsonb({k: v for k, v in payload.items() if k != "customer_id"})


# --- profile ---------------------------------------------------------------------------------


@blp.route("/profile", methods=["GET"])
@auth_required
@blp.response(200, envelope(AthleteProfileSchema))
def get_profile():
    """Your athlete profile."""
    return api_ok(
        RawJSON(
            found(queries.select_athlete_profile(customer_id=current_customer_id()), "profile")
        ),
        "Retrieved profile",
    )


@blp.route("/profile", methods=["PUT"])
@auth_required
@blp.arguments(ProfileSchema)
@blp.response(200, envelope(AthleteProfileSchema))
def put_profile(payload):
    """Create or replace your athlete profile."""
    return api_ok(
        RawJSON(
            queries.upsert_athlete_profile(
                customer_id=current_customer_id(), profile=_fields(payload)
            )
        ),
        "Stored profile",
    )


@blp.route("/profile", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(DeletedProfileSchema))
def delete_profile():
    """Delete your athlete profile."""
    deleted = queries.delete_athlete_profile(customer_id=current_customer_id())
    return api_ok(RawJSON(found(deleted, "profile")), "Deleted profile")


# --- plans and workouts ----------------------------------------------------------------------


@blp.route("/plans", methods=["POST"])
@auth_required
@blp.arguments(PlanSchema)
@blp.response(201, envelope(TrainingPlanSchema))
def create_plan(payload):
    """Create a training plan (end_date is also answered as seed 002's target_date)."""
    plan = queries.insert_training_plan(customer_id=current_customer_id(), plan=_fields(payload))
    return api_ok(RawJSON(plan), "Created training plan", 201)


@blp.route("/plans", methods=["GET"])
@auth_required
@blp.arguments(PlanQuerySchema, location="query")
@blp.response(200, envelope(TrainingPlanListSchema))
def list_plans(args):
    """Your plans with their derived completion percent (is_active filters); with target_date."""
    return api_ok(
        RawJSON(
            queries.list_training_plans(
                customer_id=current_customer_id(), is_active=args["is_active"]
            )
        ),
        "Listed plans",
    )


@blp.route("/plans/<int:plan_id>", methods=["GET"])
@auth_required
@blp.response(200, envelope(TrainingPlanDetailSchema))
def get_plan(plan_id: int):
    """One plan with its workouts, each completed or not, and the completion percent."""
    plan = queries.select_training_plan(customer_id=current_customer_id(), plan_id=plan_id)
    return api_ok(RawJSON(found(plan, f"training plan {plan_id}")), "Retrieved training plan")


@blp.route("/plans/<int:plan_id>", methods=["PATCH"])
@auth_required
@blp.arguments(PlanPatchSchema)
@blp.response(200, envelope(TrainingPlanSchema))
@answers_health_data
def update_plan(payload, plan_id: int):
    """Change fields of one plan."""
    plan = queries.update_training_plan(
        customer_id=current_customer_id(), plan_id=plan_id, patch=_fields(payload)
    )
    return api_ok(RawJSON(found(plan, f"training plan {plan_id}")), "Updated training plan")


@blp.route("/plans/<int:plan_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(DeletedPlanSchema))
def delete_plan(plan_id: int):
    """Delete one plan and its workouts."""
    deleted = queries.delete_training_plan(customer_id=current_customer_id(), plan_id=plan_id)
    return api_ok(RawJSON(found(deleted, f"training plan {plan_id}")), "Deleted training plan")


@blp.route("/plans/<int:plan_id>/workouts", methods=["POST"])
@auth_required
@blp.arguments(WorkoutSchema)
@blp.response(201, envelope(PlannedWorkoutSchema))
def create_workout(payload, plan_id: int):
    """Add a planned workout to one of your plans; answers add training_plan_id, was_completed."""
    workout = queries.insert_planned_workout(
        customer_id=current_customer_id(), plan_id=plan_id, workout=_fields(payload)
    )
    return api_ok(RawJSON(workout), "Created planned workout", 201)


@blp.route("/workouts/<int:workout_id>", methods=["PATCH"])
@auth_required
@blp.arguments(WorkoutPatchSchema)
@blp.response(200, envelope(PlannedWorkoutSchema))
@answers_health_data
def update_workout(payload, workout_id: int):
    """Change fields of one planned workout (athlete feedback too)."""
    workout = queries.update_planned_workout(
        customer_id=current_customer_id(), workout_id=workout_id, patch=_fields(payload)
    )
    return api_ok(
        RawJSON(found(workout, f"planned workout {workout_id}")), "Updated planned workout"
    )


@blp.route("/workouts/<int:workout_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(DeletedWorkoutSchema))
def delete_workout(workout_id: int):
    """Delete one planned workout."""
    deleted = queries.delete_planned_workout(
        customer_id=current_customer_id(), workout_id=workout_id
    )
    return api_ok(
        RawJSON(found(deleted, f"planned workout {workout_id}")), "Deleted planned workout"
    )


@blp.route("/workouts/<int:workout_id>/complete", methods=["POST"])
@auth_required
@blp.arguments(CompleteWorkoutSchema)
@blp.response(200, envelope(CompletionSchema))
def complete_workout(payload, workout_id: int):
    """Mark a planned workout completed by one of your activities."""
    done = queries.complete_planned_workout(
        customer_id=current_customer_id(),
        workout_id=workout_id,
        activity_id=payload["activity_id"],
    )
    return api_ok(RawJSON(found(done, f"activity {payload['activity_id']}")), "Completed workout")


# --- readiness, HRV readings -----------------------------------------------------------------


@blp.route("/readiness", methods=["PUT"])
@auth_required
@blp.arguments(ReadinessSchema)
@blp.response(200, envelope(ReadinessVerdictSchema))
def put_readiness(payload):
    """Create or replace the readiness verdict of one day (answered with readiness_date too)."""
    stored = queries.upsert_daily_readiness(
        customer_id=current_customer_id(), readiness=_fields(payload)
    )
    return api_ok(RawJSON(stored), "Stored readiness")


@blp.route("/readiness", methods=["GET"])
@auth_required
@blp.arguments(DateWindowSchema, location="query")
@blp.response(200, envelope(ReadinessVerdictListSchema))
def list_readiness(args):
    """Your readiness verdicts in a date window, each with readiness_date (seed 002)."""
    rows = queries.list_daily_readiness(
        customer_id=current_customer_id(), start_date=args["start_date"], end_date=args["end_date"]
    )
    return api_ok(RawJSON(rows), "Listed readiness", meta={"query": args})


@blp.route("/readiness/<calendar_date>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(DeletedReadinessSchema))
def delete_readiness(calendar_date: str):
    """Delete the readiness verdict of one day (YYYY-MM-DD)."""
    try:
        day = date.fromisoformat(calendar_date)
    except ValueError as error:
        raise ApiError(400, "Invalid date.", {"calendar_date": ["Use YYYY-MM-DD."]}) from error
    deleted = queries.delete_daily_readiness(customer_id=current_customer_id(), calendar_date=day)
    return api_ok(RawJSON(found(deleted, f"readiness for {calendar_date}")), "Deleted readiness")


@blp.route("/hrv-readings", methods=["POST"])
@auth_required
@blp.arguments(HrvReadingSchema)
@blp.response(201, envelope(StoredHrvReadingSchema))
def create_hrv_reading(payload):
    """Store one HRV reading."""
    reading = queries.insert_hrv_reading(
        customer_id=current_customer_id(), reading=_fields(payload)
    )
    return api_ok(RawJSON(reading), "Stored HRV reading", 201)


@blp.route("/hrv-readings", methods=["GET"])
@auth_required
@blp.arguments(HrvReadingQuerySchema, location="query")
@blp.response(200, envelope(StoredHrvReadingListSchema))
def list_hrv_readings(args):
    """Your HRV readings in a date window, optionally of one type."""
    rows = queries.list_hrv_readings(
        customer_id=current_customer_id(),
        start_date=args["start_date"],
        end_date=args["end_date"],
        reading_type=args["reading_type"],
    )
    return api_ok(RawJSON(rows), "Listed HRV readings", meta={"query": args})


@blp.route("/hrv-readings/<int:reading_id>", methods=["DELETE"])
@auth_required
@blp.response(200, envelope(DeletedHrvReadingSchema))
def delete_hrv_reading(reading_id: int):
    """Delete one HRV reading."""
    deleted = queries.delete_hrv_reading(customer_id=current_customer_id(), reading_id=reading_id)
    return api_ok(RawJSON(found(deleted, f"HRV reading {reading_id}")), "Deleted HRV reading")


# --- AI cache, sync history ------------------------------------------------------------------


@blp.route("/cache/<content_hash>", methods=["GET"])
@auth_required
@blp.response(200, envelope(CachedAnalysisSchema))
def get_cached_analysis(content_hash: str):
    """A cached AI answer by content hash (counts the hit; expired entries are not served)."""
    entry = queries.hit_ai_cache(customer_id=current_customer_id(), content_hash=content_hash)
    return api_ok(RawJSON(found(entry, "unexpired cached analysis with this hash")), "Cache hit")


@blp.route("/cache", methods=["PUT"])
@auth_required
@blp.arguments(CacheEntrySchema)
@blp.response(200, envelope(CachedAnalysisSchema))
def put_cached_analysis(payload):
    """Store (or replace) an AI answer under its content hash for ttl_seconds."""
    ttl = payload.pop("ttl_seconds")
    return api_ok(
        RawJSON(
            queries.upsert_ai_cache(
                customer_id=current_customer_id(), entry=_fields(payload), ttl_seconds=ttl
            )
        ),
        "Cached",
    )


@blp.route("/sync-history", methods=["POST"])
@auth_required
@blp.arguments(SyncStartSchema)
@blp.response(201, envelope(SyncRecordSchema))
def start_sync(payload):
    """Start a sync record (status running); answers add sync_status, sync_started_at."""
    return api_ok(
        RawJSON(
            queries.insert_sync_history(customer_id=current_customer_id(), sync=_fields(payload))
        ),
        "Started",
        201,
    )


@blp.route("/sync-history/<int:sync_id>", methods=["PATCH"])
@auth_required
@blp.arguments(SyncFinishSchema)
@blp.response(200, envelope(SyncRecordSchema))
@answers_health_data
def finish_sync(payload, sync_id: int):
    """Finish a running sync record: outcome, counts, errors."""
    finished = queries.finish_sync_history(
        customer_id=current_customer_id(), sync_id=sync_id, result=_fields(payload)
    )
    return api_ok(RawJSON(found(finished, f"running sync {sync_id}")), "Finished sync")


@blp.route("/sync-history", methods=["GET"])
@auth_required
@blp.arguments(SyncListQuerySchema, location="query")
@blp.response(200, envelope(SyncRecordListSchema))
def list_syncs(args):
    """Your latest sync records, newest first, with seed 002's sync_status and sync_started_at."""
    return api_ok(
        RawJSON(
            queries.list_sync_history(customer_id=current_customer_id(), row_limit=args["limit"])
        ),
        "Listed syncs",
    )
