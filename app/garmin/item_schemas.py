"""One item schema per Garmin dataset: the fields the sync worker sends for one day (or
activity).

Item fields are the table's columns (snake_case; camelCase spellings are accepted too). A null
or absent field means "no value": an upsert never clears a stored value with it. The ranges
here mirror the tables' CHECK constraints, so bad values get a message per field before any
query runs.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from app.garmin.field_types import (
    Amount,
    Between,
    CalendarDate,
    Count,
    GpsTrack,
    HeartRate,
    Instant,
    Number,
    Percent,
    Score,
    Series,
    StressLevel,
    Text,
    UtcOffset,
)
from app.schemas import CamelCaseSchema, seed_names


class DailyItemSchema(CamelCaseSchema):
    """One day of a dataset, keyed by calendar_date."""

    calendar_date = CalendarDate(required=True)


class UserSummaryItemSchema(DailyItemSchema):
    total_kilocalories = Amount()
    active_kilocalories = Amount()
    bmr_kilocalories = Amount()
    total_steps = Count()
    total_distance_meters = Count()
    min_heart_rate = HeartRate()
    max_heart_rate = HeartRate()
    resting_heart_rate = HeartRate()
    last_seven_days_avg_resting_heart_rate = HeartRate()
    vigorous_intensity_minutes = Count()
    moderate_intensity_minutes = Count()
    average_stress_level = StressLevel()
    total_stress_duration = Count()
    stress_duration = Count()
    uncategorized_stress_duration = Count()
    rest_stress_duration = Count()
    low_stress_duration = Count()
    activity_stress_duration = Count()
    medium_stress_duration = Count()
    high_stress_duration = Count()
    stress_qualifier = Text()
    body_battery_charged_value = Count()
    body_battery_drained_value = Count()
    body_battery_highest_value = Score()
    body_battery_lowest_value = Score()
    body_battery_most_recent_value = Score()
    avg_waking_respiration_value = Amount()
    highest_respiration_value = Amount()
    lowest_respiration_value = Amount()
    latest_respiration_value = Amount()


class BodyCompositionItemSchema(DailyItemSchema):
    weight = fields.Float(
        allow_none=True,
        validate=validate.Range(min=0, max=700, min_inclusive=False, max_inclusive=False),
        metadata={"description": "kg"},
    )
    bmi = fields.Float(
        allow_none=True,
        validate=validate.Range(min=0, max=200, min_inclusive=False, max_inclusive=False),
    )
    body_fat_mass = Amount()
    body_fat_percentage = Percent()
    body_water_mass = Amount()
    body_water_percentage = Percent()
    bone_mass = Amount()
    bone_mass_percentage = Percent()
    muscle_mass = Amount()
    muscle_mass_percentage = Percent()
    visceral_fat = Amount()
    basal_metabolic_rate = Count()


class HrvItemSchema(DailyItemSchema):
    hrv_weekly_avg = Count()
    hrv_last_night_avg = Count()
    hrv_status = Text()
    hrv_baseline_balanced_low = Count()
    hrv_baseline_balanced_upper = Count()


class SleepItemSchema(DailyItemSchema):
    calendar_date = CalendarDate(required=True, metadata=seed_names("sleep_date", seed="002"))
    time_offset = UtcOffset()
    sleep_time_seconds = Between(0, 86400, integer=True)
    sleep_start = Instant(metadata=seed_names("sleep_start_time", seed="002"))
    sleep_end = Instant()
    nap_time_seconds = Between(0, 86400, integer=True)
    nap_data = Series()
    deep_sleep_seconds = Between(0, 86400, integer=True)
    light_sleep_seconds = Between(0, 86400, integer=True)
    rem_sleep_seconds = Between(0, 86400, integer=True)
    awake_sleep_seconds = Between(0, 86400, integer=True)
    sleep_average_respiration_value = Amount()
    sleep_lowest_respiration_value = Amount()
    sleep_highest_respiration_value = Amount()
    sleep_awake_count = Count()
    avg_sleep_stress = StressLevel(integer=False)
    sleep_score_feedback = Text()
    sleep_score_insight = Text()
    sleep_score_personalized_insight = Text()
    sleep_overall_score_value = Score()
    sleep_overall_score_qualifier = Text()
    sleep_total_duration_qualifier = Text()
    sleep_stress_qualifier = Text()
    sleep_awake_count_qualifier = Text()
    sleep_rem_percentage_value = Score()
    sleep_rem_percentage_qualifier = Text()
    sleep_rem_optimal_start = Number()
    sleep_rem_optimal_end = Number()
    sleep_restlessness_qualifier = Text()
    sleep_restlessness_optimal_start = Number()
    sleep_restlessness_optimal_end = Number()
    sleep_light_percentage_value = Score()
    sleep_light_percentage_qualifier = Text()
    sleep_light_optimal_start = Number()
    sleep_light_optimal_end = Number()
    sleep_deep_percentage_value = Score()
    sleep_deep_percentage_qualifier = Text()
    sleep_deep_optimal_start = Number()
    sleep_deep_optimal_end = Number()
    sleep_avg_overnight_hrv = Amount()
    sleep_resting_heart_rate = HeartRate()
    sleep_body_battery_change = Between(-100, 100, integer=True)
    sleep_restless_moments_count = Count()
    sleep_levels_data = Series(metadata=seed_names("sleep_stages_data", seed="002"))
    sleep_heart_rate_data = Series()
    sleep_hrv_data = Series()
    sleep_stress_data = Series()

    @validates_schema
    def _ends_after_start(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("sleep_start"), data.get("sleep_end")
        if start and end and end < start:
            raise ValidationError("Sleep cannot end before it starts.", "sleep_end")


class TrainingReadinessItemSchema(DailyItemSchema):
    training_readiness_level = Text()
    training_readiness_score = Score()
    sleep_score = Score()
    sleep_score_factor_feedback = Text()
    recovery_time_factor_feedback = Text()
    recovery_time = Count()
    acute_load = Count()
    hrv_weekly_average = Count()
    hrv_factor_feedback = Text()
    stress_history_factor_feedback = Text()
    sleep_history_factor_feedback = Text()


class EnduranceScoreItemSchema(DailyItemSchema):
    endurance_score = Count()
    endurance_score_classification = Count()
    endurance_score_classification_lower_limit_intermediate = Count()
    endurance_score_classification_lower_limit_trained = Count()
    endurance_score_classification_lower_limit_well_trained = Count()
    endurance_score_classification_lower_limit_expert = Count()
    endurance_score_classification_lower_limit_superior = Count()
    endurance_score_classification_lower_limit_elite = Count()
    endurance_score_contributors = fields.Raw(allow_none=True)


class TrainingLoadBalanceItemSchema(DailyItemSchema):
    monthly_load_anaerobic = Amount()
    monthly_load_aerobic_high = Amount()
    monthly_load_aerobic_low = Amount()
    monthly_load_aerobic_low_target_min = Amount()
    monthly_load_aerobic_low_target_max = Amount()
    monthly_load_aerobic_high_target_min = Amount()
    monthly_load_aerobic_high_target_max = Amount()
    monthly_load_anaerobic_target_min = Amount()
    monthly_load_anaerobic_target_max = Amount()
    training_balance_feedback_phrase = Text()


def Vo2Max() -> fields.Float:
    return fields.Float(
        allow_none=True,
        validate=validate.Range(min=0, max=100, min_inclusive=False, max_inclusive=False),
    )


class TrainingStatusItemSchema(TrainingLoadBalanceItemSchema):
    daily_training_load_acute = Count()
    daily_training_load_acute_feedback = Text()
    daily_training_load_chronic = Amount()
    min_training_load_chronic = Amount()
    max_training_load_chronic = Amount()
    vo2_max_precise_value = Vo2Max()
    vo2_max_feedback = Text()


class FitnessAgeItemSchema(DailyItemSchema):
    chronological_age = Between(0, 150, integer=True)
    fitness_age = Between(0, 150)
    body_fat_value = Percent()
    vigorous_days_avg_value = Amount()
    rhr_value = HeartRate()
    vigorous_minutes_avg_value = Amount()


class DailyHealthEventsItemSchema(DailyItemSchema):
    last_meal_time = Instant()
    last_drink_time = Instant()
    last_screen_time = Instant()


class MaxMetricsItemSchema(DailyItemSchema):
    vo2_max_precise_value = Vo2Max()
    vo2_max_value = Vo2Max()
    fitness_age = Between(0, 150)
    vo2_max_feedback = Text()


class ActivityItemSchema(DailyItemSchema):
    """One Garmin activity; gps_data (optional) stores its GPS track in the same statement."""

    activity_id = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=1),
        metadata=seed_names("garmin_activity_id", seed="002", description="Garmin's activity id."),
    )
    calendar_date = CalendarDate(required=True, metadata=seed_names("activity_date", seed="002"))
    activity_type = Text()
    activity_name = Text()
    activity_description = Text()
    activity_start_time = Instant()
    time_offset = UtcOffset()
    activity_start_latitude = Between(-90, 90)
    activity_start_longitude = Between(-180, 180)
    activity_end_latitude = Between(-90, 90)
    activity_end_longitude = Between(-180, 180)
    activity_location_name = Text()
    activity_duration = Amount()
    activity_elapsed_duration = Amount()
    activity_moving_duration = Amount()
    activity_distance = Amount()
    activity_elevation_gain = Amount()
    activity_elevation_loss = Amount()
    activity_min_elevation = Number()
    activity_max_elevation = Number()
    activity_calories = Amount()
    activity_bmr_calories = Amount()
    activity_steps = Count()
    activity_avg_stride_length = Amount()
    activity_average_speed = Amount()
    activity_average_hr = HeartRate(integer=False)
    activity_max_hr = HeartRate(integer=False)
    activity_watch_min_temperature = Number()
    activity_watch_max_temperature = Number()
    activity_weather_temperature_on_start = Number()
    activity_weather_relative_humidity_on_start = Percent()
    activity_weather_wind_direction_on_start = Text()
    activity_weather_wind_speed_on_start = Amount()
    activity_weather_wind_gust_on_start = Amount()
    activity_weather_type_desc = Text()
    activity_water_estimated = Amount()
    activity_aerobic_training_effect = Between(0, 5)
    activity_anaerobic_training_effect = Between(0, 5)
    activity_activity_training_load = Amount()
    activity_training_effect_label = Text()
    activity_aerobic_training_effect_message = Text()
    activity_anaerobic_training_effect_message = Text()
    activity_moderate_intensity_minutes = Count()
    activity_vigorous_intensity_minutes = Count()
    activity_difference_body_battery = Between(-100, 100, integer=True)
    activity_secs_in_zone1 = Amount()
    activity_secs_in_zone2 = Amount()
    activity_secs_in_zone3 = Amount()
    activity_secs_in_zone4 = Amount()
    activity_secs_in_zone5 = Amount()
    # The training seed's columns (0009.training).
    avg_power = Amount()
    max_power = Amount()
    normalized_power = Amount()
    avg_cadence = Amount()
    max_cadence = Amount()
    avg_vertical_oscillation = Amount()
    avg_ground_contact_time = Amount()
    intensity_factor = Between(0, 3)
    perceived_exertion = Between(1, 10, integer=True)
    notes = Text()
    raw_activity_data = fields.Raw(allow_none=True)
    gps_data = GpsTrack(allow_none=True)


class ActivityGpsItemSchema(CamelCaseSchema):
    """The GPS track of an activity already stored for the same user."""

    activity_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    gps_data = GpsTrack(required=True)
