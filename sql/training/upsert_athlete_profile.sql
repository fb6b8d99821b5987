-- name: upsert_athlete_profile :scalar
-- Creates or replaces the caller's profile from a JSON object of its fields (absent = NULL,
-- or the column default for preferences, timezone and units).
-- Params: customer_id, profile (jsonb). Returns the stored profile as JSON text.
-- Index: user_profile_pkey (conflict target), user_profile_garmin_user_id_key.
WITH given AS (
    SELECT *
    FROM jsonb_populate_record(NULL::user_profile, %(profile)s::jsonb)
)

INSERT INTO user_profile AS p (
    customer_id, date_of_birth, gender, height_cm, weight_kg, resting_heart_rate,
    max_heart_rate, heart_rate_zones, training_preferences, garmin_user_id, timezone, units
)
SELECT
    %(customer_id)s,
    date_of_birth,
    gender,
    height_cm,
    weight_kg,
    resting_heart_rate,
    max_heart_rate,
    heart_rate_zones,
    coalesce(training_preferences, '{}') AS training_preferences,
    garmin_user_id,
    coalesce(timezone, 'UTC') AS timezone,
    coalesce(units, 'metric') AS units
FROM given
ON CONFLICT (customer_id) DO UPDATE
    SET
        date_of_birth = excluded.date_of_birth,
        gender = excluded.gender,
        height_cm = excluded.height_cm,
        weight_kg = excluded.weight_kg,
        resting_heart_rate = excluded.resting_heart_rate,
        max_heart_rate = excluded.max_heart_rate,
        heart_rate_zones = excluded.heart_rate_zones,
        training_preferences = excluded.training_preferences,
        garmin_user_id = excluded.garmin_user_id,
        timezone = excluded.timezone,
        units = excluded.units
RETURNING athlete_profile_json(p)::text;
