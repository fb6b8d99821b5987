"""Payloads of the training routes. Ranges and enums mirror the CHECK constraints of
0009.training, so bad values get a message per field before any query runs. The heart-rate
upload's schemas are in samples.py, the answers' in answers.py."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from typing import Any

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    validate,
    validates_schema,
)

from app.garmin.schemas import CalendarDate
from app.schemas import ActingSchema, seed_names

GENDERS = ("male", "female", "other")
UNITS = ("metric", "imperial")
WORKOUT_TYPES = (
    "easy_run",
    "long_run",
    "tempo",
    "intervals",
    "recovery",
    "cross_training",
    "strength",
    "rest",
    "race",
    "cycling",
    "swimming",
)
INTENSITIES = ("very_easy", "easy", "moderate", "hard", "very_hard")
RECOMMENDATIONS = ("high_intensity", "moderate", "easy", "rest", "recovery")
HRV_READING_TYPES = ("morning", "all_day", "sleep", "activity")
HRV_STATUSES = ("balanced", "unbalanced", "low", "poor")
ANALYSIS_TYPES = (
    "daily_readiness",
    "workout_recommendation",
    "training_plan",
    "recovery_advice",
    "performance_analysis",
    "weekly_summary",
)
SYNC_TYPES = ("full", "incremental", "manual")
SYNC_OUTCOMES = ("success", "partial", "failed")
MAX_WINDOW_DAYS = 3660
HR_LOW, HR_HIGH = 20, 260


def _text(length: int = 2000, **kwargs: Any) -> fields.String:
    return fields.String(allow_none=True, validate=validate.Length(max=length), **kwargs)


def _heart_rate(**kwargs: Any) -> fields.Integer:
    kwargs.setdefault("allow_none", True)
    return fields.Integer(validate=validate.Range(HR_LOW, HR_HIGH), **kwargs)


def _not_negative(**kwargs: Any) -> fields.Float:
    return fields.Float(allow_none=True, validate=validate.Range(min=0), **kwargs)


def _check_order(data: dict[str, Any], first: str, last: str) -> None:
    start, end = data.get(first), data.get(last)
    if start and end and end < start:
        raise ValidationError(f"{last} is before {first}.", last)


def _validate_window(data: dict[str, Any]) -> None:
    """A closed window in order and at most MAX_WINDOW_DAYS long."""
    _check_order(data, "start_date", "end_date")
    if data["end_date"] - data["start_date"] > timedelta(days=MAX_WINDOW_DAYS):
        raise ValidationError(f"Ask for at most {MAX_WINDOW_DAYS} days.", "end_date")


def _object_or_array(value: Any) -> None:
    if not isinstance(value, dict | list):
        raise ValidationError("Send a JSON object or array.")


# --- profile ---------------------------------------------------------------------------------


class HeartRateZoneSchema(Schema):
    zone = fields.Integer(required=True, validate=validate.Range(1, 5))
    min_hr = _heart_rate(required=True, allow_none=False)
    max_hr = _heart_rate(required=True, allow_none=False)


class ProfileSchema(ActingSchema):
    """The athlete's profile (PUT replaces it; an absent field is stored as no value)."""

    date_of_birth = fields.Date(
        allow_none=True,
        validate=validate.Range(min=date(1900, 1, 1), max=date(2100, 12, 31)),
    )
    gender = fields.String(allow_none=True, validate=validate.OneOf(GENDERS))
    height_cm = fields.Float(allow_none=True, validate=validate.Range(50, 280))
    weight_kg = fields.Float(allow_none=True, validate=validate.Range(20, 400))
    resting_heart_rate = _heart_rate()
    max_heart_rate = _heart_rate()
    heart_rate_zones = fields.List(
        fields.Nested(HeartRateZoneSchema), allow_none=True, validate=validate.Length(max=5)
    )
    training_preferences = fields.Dict(allow_none=True)
    garmin_user_id = _text(200)
    timezone = fields.String(validate=validate.Length(1, 64))
    units = fields.String(validate=validate.OneOf(UNITS))

    @validates_schema
    def _resting_below_max(self, data: dict[str, Any], **_: Any) -> None:
        resting, highest = data.get("resting_heart_rate"), data.get("max_heart_rate")
        if resting and highest and resting >= highest:
            raise ValidationError("Must be below max_heart_rate.", "resting_heart_rate")


# --- plans and workouts ----------------------------------------------------------------------


class PlanSchema(ActingSchema):
    name = fields.String(required=True, validate=validate.Length(1, 200))
    goal = _text()
    start_date = CalendarDate(required=True)
    end_date = CalendarDate(required=True, metadata=seed_names("target_date", seed="002"))
    is_active = fields.Boolean()
    ai_generated = fields.Boolean()
    ai_model = _text(200)
    ai_prompt = _text(20000)
    weekly_structure = fields.Dict(allow_none=True)

    @validates_schema
    def _dates_in_order(self, data: dict[str, Any], **_: Any) -> None:
        _check_order(data, "start_date", "end_date")


class PlanPatchSchema(ActingSchema):
    name = fields.String(validate=validate.Length(1, 200))
    goal = _text()
    start_date = CalendarDate()
    end_date = CalendarDate(metadata=seed_names("target_date", seed="002"))
    is_active = fields.Boolean()
    weekly_structure = fields.Dict(allow_none=True)

    @validates_schema
    def _dates_in_order(self, data: dict[str, Any], **_: Any) -> None:
        _check_order(data, "start_date", "end_date")


class PlanQuerySchema(ActingSchema):
    is_active = fields.Boolean(load_default=None)


class WorkoutFields(ActingSchema):
    workout_name = _text(200)
    description = _text()
    target_duration_minutes = fields.Integer(allow_none=True, validate=validate.Range(0, 1440))
    target_distance_meters = _not_negative()
    target_hr_zone = fields.Integer(allow_none=True, validate=validate.Range(1, 5))
    target_pace_seconds_per_km = fields.Float(
        allow_none=True, validate=validate.Range(min=0, min_inclusive=False)
    )
    target_power_watts = _not_negative()
    intensity = fields.String(allow_none=True, validate=validate.OneOf(INTENSITIES))
    ai_reasoning = _text()
    adaptations = fields.List(fields.Raw(), allow_none=True)
    coach_notes = _text()
    workout_structure = fields.Raw(
        allow_none=True,
        validate=_object_or_array,
        metadata={
            "description": "The prescribed steps (warm-up, intervals, cool-down); seed 002.",
        },
    )


class WorkoutSchema(WorkoutFields):
    workout_date = CalendarDate(required=True)
    workout_type = fields.String(required=True, validate=validate.OneOf(WORKOUT_TYPES))


class WorkoutPatchSchema(WorkoutFields):
    workout_date = CalendarDate()
    workout_type = fields.String(validate=validate.OneOf(WORKOUT_TYPES))
    athlete_feedback = _text()


class CompleteWorkoutSchema(ActingSchema):
    activity_id = fields.Integer(
        required=True,
        validate=validate.Range(min=1),
        metadata=seed_names("garmin_activity_id", seed="002", description="Garmin's activity id."),
    )


# --- readiness, HRV readings, cache, sync ----------------------------------------------------


class ReadinessSchema(ActingSchema):
    calendar_date = CalendarDate(required=True, metadata=seed_names("readiness_date", seed="002"))
    readiness_score = fields.Integer(required=True, validate=validate.Range(0, 100))
    recommendation = fields.String(required=True, validate=validate.OneOf(RECOMMENDATIONS))
    key_factors = fields.List(fields.Raw())
    red_flags = fields.List(fields.Raw())
    recovery_tips = fields.List(fields.Raw())
    suggested_workout = _text()
    ai_analysis = _text(20000)
    model_version = _text(200)
    confidence = fields.Float(allow_none=True, validate=validate.Range(0, 1))
    training_load_7d = _not_negative()
    training_load_28d = _not_negative()
    acwr = _not_negative()
    user_agreed = fields.Boolean(allow_none=True)
    user_feedback = _text()


class DateWindowSchema(ActingSchema):
    start_date = CalendarDate(load_default=None)
    end_date = CalendarDate(load_default=None)

    @validates_schema
    def _in_order(self, data: dict[str, Any], **_: Any) -> None:
        _check_order(data, "start_date", "end_date")


class RequiredWindowSchema(ActingSchema):
    """A closed date window of at most ten years."""

    start_date = CalendarDate(required=True)
    end_date = CalendarDate(required=True)

    @validates_schema
    def _in_order(self, data: dict[str, Any], **_: Any) -> None:
        _validate_window(data)


class HrvReadingSchema(ActingSchema):
    reading_time = fields.AwareDateTime(required=True, default_timezone=UTC)
    reading_date = CalendarDate(
        metadata={"description": "The day it counts for; the UTC date of reading_time if absent."}
    )
    reading_type = fields.String(required=True, validate=validate.OneOf(HRV_READING_TYPES))
    sdnn = _not_negative()
    rmssd = _not_negative()
    pnn50 = fields.Float(allow_none=True, validate=validate.Range(0, 100))
    avg_heart_rate = _heart_rate()
    status = fields.String(allow_none=True, validate=validate.OneOf(HRV_STATUSES))


class HrvReadingQuerySchema(DateWindowSchema):
    reading_type = fields.String(load_default=None, validate=validate.OneOf(HRV_READING_TYPES))


class CacheEntrySchema(ActingSchema):
    content_hash = fields.String(
        required=True,
        validate=validate.Regexp(r"^[0-9a-f]{16,128}$", error="Send a lowercase hex digest."),
    )
    analysis_type = fields.String(required=True, validate=validate.OneOf(ANALYSIS_TYPES))
    input_context = fields.Dict()
    response_text = fields.String(required=True, validate=validate.Length(1, 200_000))
    structured_output = fields.Raw(allow_none=True)
    model_version = _text(200)
    ttl_seconds = fields.Integer(
        load_default=86400, load_only=True, validate=validate.Range(1, 90 * 86400)
    )


class SyncStartSchema(ActingSchema):
    sync_type = fields.String(required=True, validate=validate.OneOf(SYNC_TYPES))
    window_start = CalendarDate(allow_none=True)
    window_end = CalendarDate(allow_none=True)
    data_types = fields.List(fields.String(validate=validate.Length(1, 64)))

    @validates_schema
    def _in_order(self, data: dict[str, Any], **_: Any) -> None:
        _check_order(data, "window_start", "window_end")


class SyncFinishSchema(ActingSchema):
    status = fields.String(
        required=True,
        validate=validate.OneOf(SYNC_OUTCOMES),
        metadata=seed_names("sync_status", seed="002"),
    )
    records_synced = fields.Integer(validate=validate.Range(min=0))
    records_failed = fields.Integer(validate=validate.Range(min=0))
    error_message = _text()
    error_details = fields.Dict(allow_none=True)
    api_calls_made = fields.Integer(validate=validate.Range(min=0))
    rate_limit_hit = fields.Boolean()


class SyncListQuerySchema(ActingSchema):
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 500))


# --- the seed's query patterns ---------------------------------------------------------------


class DailyMetricsQuerySchema(ActingSchema):
    """One day (`date`) or an inclusive window (`start_date` and `end_date`)."""

    date = CalendarDate()
    start_date = CalendarDate()
    end_date = CalendarDate()

    @post_load
    def _window(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        day = data.pop("date", None)
        if day is not None:
            if "start_date" in data or "end_date" in data:
                raise ValidationError("Send date, or start_date and end_date, not both.", "date")
            return {"start_date": day, "end_date": day}
        if "start_date" not in data or "end_date" not in data:
            raise ValidationError("Send date, or start_date and end_date.", "date")
        _validate_window(data)
        return data


class ActivityRangeQuerySchema(RequiredWindowSchema):
    activity_type = fields.String(load_default=None, validate=validate.Length(1, 100))


class WeeklySummaryQuerySchema(ActingSchema):
    """One ISO week (`week`: any day in it) or the weeks touching start_date..end_date."""

    week = CalendarDate()
    start_date = CalendarDate()
    end_date = CalendarDate()

    @post_load
    def _window(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        week = data.pop("week", None)
        if week is not None:
            if "start_date" in data or "end_date" in data:
                raise ValidationError("Send week, or start_date and end_date, not both.", "week")
            return {"start_date": week, "end_date": week}
        if "start_date" not in data or "end_date" not in data:
            raise ValidationError("Send week, or start_date and end_date.", "week")
        _validate_window(data)
        return data


class HrvTrendQuerySchema(ActingSchema):
    days = fields.Integer(load_default=30, validate=validate.Range(1, 365))
    end_date = CalendarDate(
        load_default=None, metadata={"description": "The last day shown; today (UTC) if absent."}
    )
