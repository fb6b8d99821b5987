"""The answers of the training reads (read_routes.py), as the OpenAPI document declares them:
PostgreSQL builds the JSON from explicit columns, the contract test validates it against these."""

from __future__ import annotations

from marshmallow import Schema, fields

from app.training.answers import listing

ACWR_BANDS = ("low", "optimal", "caution", "high_risk")


class DailyMetricsSchema(Schema):
    """A row of the daily_metrics view: the day's summary, sleep, HRV, body composition,
    fitness age and training status, each null where that dataset has no row."""

    customer_id = fields.Integer(allow_none=True)
    calendar_date = fields.Date(allow_none=True)
    steps = fields.Integer(allow_none=True)
    distance_meters = fields.Integer(allow_none=True)
    calories = fields.Float(allow_none=True)
    active_calories = fields.Float(allow_none=True)
    resting_heart_rate = fields.Integer(allow_none=True)
    max_heart_rate = fields.Integer(allow_none=True)
    avg_stress_level = fields.Integer(allow_none=True)
    body_battery_max = fields.Integer(allow_none=True)
    body_battery_min = fields.Integer(allow_none=True)
    moderate_intensity_minutes = fields.Integer(allow_none=True)
    vigorous_intensity_minutes = fields.Integer(allow_none=True)
    sleep_time_seconds = fields.Integer(allow_none=True)
    deep_sleep_seconds = fields.Integer(allow_none=True)
    light_sleep_seconds = fields.Integer(allow_none=True)
    rem_sleep_seconds = fields.Integer(allow_none=True)
    awake_sleep_seconds = fields.Integer(allow_none=True)
    sleep_score = fields.Integer(allow_none=True)
    hrv_rmssd = fields.Integer(allow_none=True)
    hrv_weekly_avg = fields.Integer(allow_none=True)
    hrv_status = fields.String(allow_none=True)
    weight_kg = fields.Float(allow_none=True)
    body_fat_percentage = fields.Float(allow_none=True)
    muscle_mass = fields.Float(allow_none=True)
    bmi = fields.Float(allow_none=True)
    fitness_age = fields.Float(allow_none=True)
    vo2_max = fields.Float(allow_none=True)
    training_load_acute = fields.Integer(allow_none=True)
    training_load_chronic = fields.Float(allow_none=True)
    date = fields.Date(metadata={"description": "calendar_date, by seed 002's name"})


DailyMetricsListSchema = listing(DailyMetricsSchema)


class RangeActivitySchema(Schema):
    """An activity's stored columns, without its raw Garmin payload."""

    activity_id = fields.Integer()
    customer_id = fields.Integer()
    calendar_date = fields.Date()
    activity_type = fields.String(allow_none=True)
    activity_name = fields.String(allow_none=True)
    activity_description = fields.String(allow_none=True)
    activity_start_time = fields.DateTime(allow_none=True)
    time_offset = fields.String(allow_none=True)
    activity_start_latitude = fields.Float(allow_none=True)
    activity_start_longitude = fields.Float(allow_none=True)
    activity_end_latitude = fields.Float(allow_none=True)
    activity_end_longitude = fields.Float(allow_none=True)
    activity_location_name = fields.String(allow_none=True)
    activity_duration = fields.Float(allow_none=True)
    activity_elapsed_duration = fields.Float(allow_none=True)
    activity_moving_duration = fields.Float(allow_none=True)
    activity_distance = fields.Float(allow_none=True)
    activity_elevation_gain = fields.Float(allow_none=True)
    activity_elevation_loss = fields.Float(allow_none=True)
    activity_min_elevation = fields.Float(allow_none=True)
    activity_max_elevation = fields.Float(allow_none=True)
    activity_calories = fields.Float(allow_none=True)
    activity_bmr_calories = fields.Float(allow_none=True)
    activity_steps = fields.Integer(allow_none=True)
    activity_avg_stride_length = fields.Float(allow_none=True)
    activity_average_speed = fields.Float(allow_none=True)
    activity_average_hr = fields.Float(allow_none=True)
    activity_max_hr = fields.Float(allow_none=True)
    activity_watch_min_temperature = fields.Float(allow_none=True)
    activity_watch_max_temperature = fields.Float(allow_none=True)
    activity_weather_temperature_on_start = fields.Float(allow_none=True)
    activity_weather_relative_humidity_on_start = fields.Float(allow_none=True)
    activity_weather_wind_direction_on_start = fields.String(allow_none=True)
    activity_weather_wind_speed_on_start = fields.Float(allow_none=True)
    activity_weather_wind_gust_on_start = fields.Float(allow_none=True)
    activity_weather_type_desc = fields.String(allow_none=True)
    activity_water_estimated = fields.Float(allow_none=True)
    activity_aerobic_training_effect = fields.Float(allow_none=True)
    activity_anaerobic_training_effect = fields.Float(allow_none=True)
    activity_activity_training_load = fields.Float(allow_none=True)
    activity_training_effect_label = fields.String(allow_none=True)
    activity_aerobic_training_effect_message = fields.String(allow_none=True)
    activity_anaerobic_training_effect_message = fields.String(allow_none=True)
    activity_moderate_intensity_minutes = fields.Integer(allow_none=True)
    activity_vigorous_intensity_minutes = fields.Integer(allow_none=True)
    activity_difference_body_battery = fields.Integer(allow_none=True)
    activity_secs_in_zone1 = fields.Float(allow_none=True)
    activity_secs_in_zone2 = fields.Float(allow_none=True)
    activity_secs_in_zone3 = fields.Float(allow_none=True)
    activity_secs_in_zone4 = fields.Float(allow_none=True)
    activity_secs_in_zone5 = fields.Float(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    avg_power = fields.Float(allow_none=True)
    max_power = fields.Float(allow_none=True)
    normalized_power = fields.Float(allow_none=True)
    avg_cadence = fields.Float(allow_none=True)
    max_cadence = fields.Float(allow_none=True)
    avg_vertical_oscillation = fields.Float(allow_none=True)
    avg_ground_contact_time = fields.Float(allow_none=True)
    intensity_factor = fields.Float(allow_none=True)
    perceived_exertion = fields.Integer(allow_none=True)
    notes = fields.String(allow_none=True)
    planned_workout_id = fields.Integer(allow_none=True)
    hr_training_load = fields.Float(allow_none=True)
    training_load_method = fields.String(allow_none=True)


RangeActivityListSchema = listing(RangeActivitySchema)


class ActivityTotalsSchema(Schema):
    activities = fields.Integer()
    duration_seconds = fields.Float()
    distance_meters = fields.Float()
    training_load = fields.Float()


class HrZoneSecondsSchema(Schema):
    zone1 = fields.Float()
    zone2 = fields.Float()
    zone3 = fields.Float()
    zone4 = fields.Float()
    zone5 = fields.Float()


class WeekSchema(ActivityTotalsSchema):
    week_start = fields.Date(metadata={"description": "The Monday of the ISO week."})
    iso_week = fields.String(metadata={"example": "2026-W49"})
    hr_zone_seconds = fields.Nested(HrZoneSecondsSchema)
    by_type = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(ActivityTotalsSchema),
        metadata={"description": "The same totals per activity type ('other' when none)."},
    )


class WeeklySummarySchema(Schema):
    weeks = fields.List(fields.Nested(WeekSchema))
    count = fields.Integer()


class HrvTrendDaySchema(Schema):
    calendar_date = fields.Date()
    hrv = fields.Float(metadata={"description": "Last night's average HRV (ms)."})
    hrv_status = fields.String(allow_none=True)
    rolling_7d_mean = fields.Float()
    baseline_low = fields.Float(
        allow_none=True, metadata={"description": "28-day mean minus one SD; null: no history."}
    )
    baseline_high = fields.Float(allow_none=True)


HrvTrendDayListSchema = listing(HrvTrendDaySchema)


class TrainingLoadSchema(Schema):
    customer_id = fields.Integer()
    calendar_date = fields.Date()
    daily_load = fields.Float()
    acute_load = fields.Float()
    chronic_load = fields.Float()
    acwr = fields.Float(allow_none=True)
    acwr_status = fields.String(allow_none=True, metadata={"enum": [*ACWR_BANDS, None]})
    fitness = fields.Float()
    fatigue = fields.Float()
    form = fields.Float()
    monotony = fields.Float(allow_none=True)
    strain = fields.Float(allow_none=True)
    weekly_ramp_rate = fields.Float(allow_none=True)
    updated_at = fields.DateTime()
    tracking_date = fields.Date(metadata={"description": "calendar_date, by seed 002's name"})


TrainingLoadListSchema = listing(TrainingLoadSchema)


class HrSampleSchema(Schema):
    sample_time = fields.DateTime()
    elapsed_seconds = fields.Float()
    heart_rate = fields.Float(metadata={"description": "A bucket's mean when downsampled."})
    max_heart_rate = fields.Integer(metadata={"description": "A bucket's highest sample."})
    samples = fields.Integer(metadata={"description": "Samples in the bucket (1 if not)."})


class HrSamplesSchema(Schema):
    activity_id = fields.Integer()
    downsampled = fields.Boolean()
    count = fields.Integer()
    samples = fields.List(fields.Nested(HrSampleSchema))


class HrUploadResultSchema(Schema):
    activity_id = fields.Integer()
    mode = fields.String(metadata={"enum": ["merge", "replace"]})
    written = fields.Integer()
    deleted = fields.Integer()
