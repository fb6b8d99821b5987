"""The answers of the training records (routes.py), as the OpenAPI document declares them.
PostgreSQL builds the JSON (the *_json functions of migration 0021); these schemas document it
field by field, and the contract test validates every answer against them."""

from __future__ import annotations

from marshmallow import Schema, fields

from app.training.schemas import (
    ANALYSIS_TYPES,
    GENDERS,
    HRV_READING_TYPES,
    HRV_STATUSES,
    INTENSITIES,
    RECOMMENDATIONS,
    SYNC_OUTCOMES,
    SYNC_TYPES,
    UNITS,
    WORKOUT_TYPES,
)

SYNC_STATES = ("running", *SYNC_OUTCOMES)


def listing(item: type[Schema]) -> type[Schema]:
    """The shape of every training list answer, {items: [item, ...], count}, as a schema
    named after its item (ThingSchema -> ThingListSchema) for the OpenAPI document."""
    name = item.__name__.removesuffix("Schema") + "ListSchema"
    attrs = {
        "items": fields.List(fields.Nested(item)),
        "count": fields.Integer(),
        "__module__": item.__module__,
    }
    return type(name, (Schema,), attrs)


def _seed_name(of: str) -> dict[str, str]:
    return {"description": f"{of}, by seed 002's name"}


class AthleteProfileSchema(Schema):
    customer_id = fields.Integer()
    date_of_birth = fields.Date(allow_none=True)
    gender = fields.String(allow_none=True, metadata={"enum": [*GENDERS, None]})
    height_cm = fields.Float(allow_none=True)
    weight_kg = fields.Float(allow_none=True)
    resting_heart_rate = fields.Integer(allow_none=True)
    max_heart_rate = fields.Integer(allow_none=True)
    heart_rate_zones = fields.List(fields.Raw(), allow_none=True)
    training_preferences = fields.Dict()
    garmin_user_id = fields.String(allow_none=True)
    timezone = fields.String()
    units = fields.String(metadata={"enum": list(UNITS)})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class DeletedProfileSchema(Schema):
    deleted = fields.Boolean()


class TrainingPlanSchema(Schema):
    plan_id = fields.Integer()
    customer_id = fields.Integer()
    name = fields.String()
    goal = fields.String(allow_none=True)
    start_date = fields.Date()
    end_date = fields.Date()
    is_active = fields.Boolean()
    ai_generated = fields.Boolean()
    ai_model = fields.String(allow_none=True)
    ai_prompt = fields.String(allow_none=True)
    weekly_structure = fields.Dict(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    target_date = fields.Date(metadata=_seed_name("end_date"))
    workout_count = fields.Integer(
        metadata={"description": "Its workouts (not in the answer of a change)."}
    )
    completed_count = fields.Integer(metadata={"description": "Workouts an activity completed."})
    completion_percent = fields.Float(
        allow_none=True, metadata={"description": "completed_count of workout_count; null: none."}
    )


class PlannedWorkoutSchema(Schema):
    workout_id = fields.Integer()
    plan_id = fields.Integer()
    customer_id = fields.Integer()
    workout_date = fields.Date()
    workout_type = fields.String(metadata={"enum": list(WORKOUT_TYPES)})
    workout_name = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    target_duration_minutes = fields.Integer(allow_none=True)
    target_distance_meters = fields.Float(allow_none=True)
    target_hr_zone = fields.Integer(allow_none=True)
    target_pace_seconds_per_km = fields.Float(allow_none=True)
    target_power_watts = fields.Float(allow_none=True)
    intensity = fields.String(allow_none=True, metadata={"enum": [*INTENSITIES, None]})
    ai_reasoning = fields.String(allow_none=True)
    adaptations = fields.List(fields.Raw(), allow_none=True)
    coach_notes = fields.String(allow_none=True)
    athlete_feedback = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    workout_structure = fields.Raw(allow_none=True)
    training_plan_id = fields.Integer(metadata=_seed_name("plan_id"))
    completed = fields.Boolean(metadata={"description": "An activity completed it."})
    was_completed = fields.Boolean(metadata=_seed_name("completed"))
    completed_activity_id = fields.Integer(
        allow_none=True, metadata={"description": "The activity that completed it."}
    )


class TrainingPlanDetailSchema(TrainingPlanSchema):
    workouts = fields.List(fields.Nested(PlannedWorkoutSchema))


TrainingPlanListSchema = listing(TrainingPlanSchema)


class DeletedPlanSchema(Schema):
    plan_id = fields.Integer()
    deleted = fields.Boolean()


class DeletedWorkoutSchema(Schema):
    workout_id = fields.Integer()
    deleted = fields.Boolean()


class CompletionSchema(Schema):
    workout_id = fields.Integer()
    activity_id = fields.Integer()
    completed = fields.Boolean()
    was_completed = fields.Boolean(metadata=_seed_name("completed"))


class ReadinessVerdictSchema(Schema):
    customer_id = fields.Integer()
    calendar_date = fields.Date()
    readiness_score = fields.Integer()
    recommendation = fields.String(metadata={"enum": list(RECOMMENDATIONS)})
    key_factors = fields.List(fields.Raw())
    red_flags = fields.List(fields.Raw())
    recovery_tips = fields.List(fields.Raw())
    suggested_workout = fields.String(allow_none=True)
    ai_analysis = fields.String(allow_none=True)
    model_version = fields.String(allow_none=True)
    confidence = fields.Float(allow_none=True)
    training_load_7d = fields.Float(allow_none=True)
    training_load_28d = fields.Float(allow_none=True)
    acwr = fields.Float(allow_none=True)
    user_agreed = fields.Boolean(allow_none=True)
    user_feedback = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    readiness_date = fields.Date(metadata=_seed_name("calendar_date"))


ReadinessVerdictListSchema = listing(ReadinessVerdictSchema)


class DeletedReadinessSchema(Schema):
    calendar_date = fields.Date()
    deleted = fields.Boolean()


class StoredHrvReadingSchema(Schema):
    reading_id = fields.Integer()
    customer_id = fields.Integer()
    reading_date = fields.Date()
    reading_time = fields.DateTime()
    reading_type = fields.String(metadata={"enum": list(HRV_READING_TYPES)})
    sdnn = fields.Float(allow_none=True)
    rmssd = fields.Float(allow_none=True)
    pnn50 = fields.Float(allow_none=True)
    avg_heart_rate = fields.Integer(allow_none=True)
    status = fields.String(allow_none=True, metadata={"enum": [*HRV_STATUSES, None]})
    created_at = fields.DateTime()


StoredHrvReadingListSchema = listing(StoredHrvReadingSchema)


class DeletedHrvReadingSchema(Schema):
    reading_id = fields.Integer()
    deleted = fields.Boolean()


class CachedAnalysisSchema(Schema):
    cache_id = fields.Integer()
    customer_id = fields.Integer()
    content_hash = fields.String()
    analysis_type = fields.String(metadata={"enum": list(ANALYSIS_TYPES)})
    input_context = fields.Dict()
    response_text = fields.String()
    structured_output = fields.Raw(allow_none=True)
    model_version = fields.String(allow_none=True)
    hit_count = fields.Integer()
    last_accessed_at = fields.DateTime(allow_none=True)
    expires_at = fields.DateTime()
    created_at = fields.DateTime()


class SyncRecordSchema(Schema):
    sync_id = fields.Integer()
    customer_id = fields.Integer()
    sync_type = fields.String(metadata={"enum": list(SYNC_TYPES)})
    status = fields.String(metadata={"enum": list(SYNC_STATES)})
    window_start = fields.Date(allow_none=True)
    window_end = fields.Date(allow_none=True)
    started_at = fields.DateTime()
    completed_at = fields.DateTime(allow_none=True)
    duration_seconds = fields.Float(allow_none=True)
    records_synced = fields.Integer()
    records_failed = fields.Integer()
    data_types = fields.List(fields.String())
    error_message = fields.String(allow_none=True)
    error_details = fields.Dict(allow_none=True)
    api_calls_made = fields.Integer()
    rate_limit_hit = fields.Boolean()
    sync_status = fields.String(metadata={"enum": list(SYNC_STATES), **_seed_name("status")})
    sync_started_at = fields.DateTime(metadata=_seed_name("started_at"))
    sync_completed_at = fields.DateTime(allow_none=True, metadata=_seed_name("completed_at"))


SyncRecordListSchema = listing(SyncRecordSchema)
