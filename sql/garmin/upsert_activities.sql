-- name: upsert_activities :scalar
-- Stores enriched activities (summary, weather at the start, seconds per HR zone) and, for the
-- items that carry gps_data, their GPS tracks: all of the batch in one statement, so it is
-- stored whole or not at all. A field that is null or absent keeps its stored value; rows
-- that would not change are dropped by the *_skip_unchanged triggers. RETURNING tells
-- inserts from updates by xmax, which is 0 only on a freshly inserted row.
-- activities is keyed by (customer_id, activity_id): an activity_id another user stored is
-- simply another user's row, and the caller's is stored beside it like any new id.
-- Params: customer_id; items (a JSON array of objects keyed by column name plus an optional
-- gps_data, each with a distinct activity_id).
-- Returns JSON text {inserted, updated, unchanged, count, items, gps: {inserted, updated}}:
-- items are the stored activity rows of the batch, by start.
-- Index: activities_pkey (customer_id, activity_id), the conflict target and the lookup of
-- the unchanged rows; activity_gps_pkey for the tracks.
WITH item AS (
    SELECT
        jsonb_populate_record(
            NULL::activities,
            e.value || jsonb_build_object(
                'customer_id', %(customer_id)s::bigint, 'created_at', now(), 'updated_at', now()
            )
        ) AS row,
        nullif(e.value -> 'gps_data', 'null') AS gps_data
    FROM jsonb_array_elements(%(items)s::jsonb) AS e
),

upserted AS (
    INSERT INTO activities AS t
    SELECT (item.row).* FROM item
    ON CONFLICT (customer_id, activity_id) DO UPDATE
        SET
            calendar_date = excluded.calendar_date,
            activity_type = coalesce(excluded.activity_type, t.activity_type),
            activity_name = coalesce(excluded.activity_name, t.activity_name),
            activity_description = coalesce(excluded.activity_description, t.activity_description),
            activity_start_time = coalesce(excluded.activity_start_time, t.activity_start_time),
            time_offset = coalesce(excluded.time_offset, t.time_offset),
            activity_start_latitude = coalesce(
                excluded.activity_start_latitude, t.activity_start_latitude
            ),
            activity_start_longitude = coalesce(
                excluded.activity_start_longitude, t.activity_start_longitude
            ),
            activity_end_latitude = coalesce(
                excluded.activity_end_latitude, t.activity_end_latitude
            ),
            activity_end_longitude = coalesce(
                excluded.activity_end_longitude, t.activity_end_longitude
            ),
            activity_location_name = coalesce(
                excluded.activity_location_name, t.activity_location_name
            ),
            activity_duration = coalesce(excluded.activity_duration, t.activity_duration),
            activity_elapsed_duration = coalesce(
                excluded.activity_elapsed_duration, t.activity_elapsed_duration
            ),
            activity_moving_duration = coalesce(
                excluded.activity_moving_duration, t.activity_moving_duration
            ),
            activity_distance = coalesce(excluded.activity_distance, t.activity_distance),
            activity_elevation_gain = coalesce(
                excluded.activity_elevation_gain, t.activity_elevation_gain
            ),
            activity_elevation_loss = coalesce(
                excluded.activity_elevation_loss, t.activity_elevation_loss
            ),
            activity_min_elevation = coalesce(
                excluded.activity_min_elevation, t.activity_min_elevation
            ),
            activity_max_elevation = coalesce(
                excluded.activity_max_elevation, t.activity_max_elevation
            ),
            activity_calories = coalesce(excluded.activity_calories, t.activity_calories),
            activity_bmr_calories = coalesce(
                excluded.activity_bmr_calories, t.activity_bmr_calories
            ),
            activity_steps = coalesce(excluded.activity_steps, t.activity_steps),
            activity_avg_stride_length = coalesce(
                excluded.activity_avg_stride_length, t.activity_avg_stride_length
            ),
            activity_average_speed = coalesce(
                excluded.activity_average_speed, t.activity_average_speed
            ),
            activity_average_hr = coalesce(excluded.activity_average_hr, t.activity_average_hr),
            activity_max_hr = coalesce(excluded.activity_max_hr, t.activity_max_hr),
            activity_watch_min_temperature = coalesce(
                excluded.activity_watch_min_temperature, t.activity_watch_min_temperature
            ),
            activity_watch_max_temperature = coalesce(
                excluded.activity_watch_max_temperature, t.activity_watch_max_temperature
            ),
            activity_weather_temperature_on_start = coalesce(
                excluded.activity_weather_temperature_on_start,
                t.activity_weather_temperature_on_start
            ),
            activity_weather_relative_humidity_on_start = coalesce(
                excluded.activity_weather_relative_humidity_on_start,
                t.activity_weather_relative_humidity_on_start
            ),
            activity_weather_wind_direction_on_start = coalesce(
                excluded.activity_weather_wind_direction_on_start,
                t.activity_weather_wind_direction_on_start
            ),
            activity_weather_wind_speed_on_start = coalesce(
                excluded.activity_weather_wind_speed_on_start,
                t.activity_weather_wind_speed_on_start
            ),
            activity_weather_wind_gust_on_start = coalesce(
                excluded.activity_weather_wind_gust_on_start, t.activity_weather_wind_gust_on_start
            ),
            activity_weather_type_desc = coalesce(
                excluded.activity_weather_type_desc, t.activity_weather_type_desc
            ),
            activity_water_estimated = coalesce(
                excluded.activity_water_estimated, t.activity_water_estimated
            ),
            activity_aerobic_training_effect = coalesce(
                excluded.activity_aerobic_training_effect, t.activity_aerobic_training_effect
            ),
            activity_anaerobic_training_effect = coalesce(
                excluded.activity_anaerobic_training_effect, t.activity_anaerobic_training_effect
            ),
            activity_activity_training_load = coalesce(
                excluded.activity_activity_training_load, t.activity_activity_training_load
            ),
            activity_training_effect_label = coalesce(
                excluded.activity_training_effect_label, t.activity_training_effect_label
            ),
            activity_aerobic_training_effect_message = coalesce(
                excluded.activity_aerobic_training_effect_message,
                t.activity_aerobic_training_effect_message
            ),
            activity_anaerobic_training_effect_message = coalesce(
                excluded.activity_anaerobic_training_effect_message,
                t.activity_anaerobic_training_effect_message
            ),
            activity_moderate_intensity_minutes = coalesce(
                excluded.activity_moderate_intensity_minutes, t.activity_moderate_intensity_minutes
            ),
            activity_vigorous_intensity_minutes = coalesce(
                excluded.activity_vigorous_intensity_minutes, t.activity_vigorous_intensity_minutes
            ),
            activity_difference_body_battery = coalesce(
                excluded.activity_difference_body_battery, t.activity_difference_body_battery
            ),
            activity_secs_in_zone1 = coalesce(
                excluded.activity_secs_in_zone1, t.activity_secs_in_zone1
            ),
            activity_secs_in_zone2 = coalesce(
                excluded.activity_secs_in_zone2, t.activity_secs_in_zone2
            ),
            activity_secs_in_zone3 = coalesce(
                excluded.activity_secs_in_zone3, t.activity_secs_in_zone3
            ),
            activity_secs_in_zone4 = coalesce(
                excluded.activity_secs_in_zone4, t.activity_secs_in_zone4
            ),
            activity_secs_in_zone5 = coalesce(
                excluded.activity_secs_in_zone5, t.activity_secs_in_zone5
            ),
            avg_power = coalesce(excluded.avg_power, t.avg_power),
            max_power = coalesce(excluded.max_power, t.max_power),
            normalized_power = coalesce(excluded.normalized_power, t.normalized_power),
            avg_cadence = coalesce(excluded.avg_cadence, t.avg_cadence),
            max_cadence = coalesce(excluded.max_cadence, t.max_cadence),
            avg_vertical_oscillation
            = coalesce(excluded.avg_vertical_oscillation, t.avg_vertical_oscillation),
            avg_ground_contact_time
            = coalesce(excluded.avg_ground_contact_time, t.avg_ground_contact_time),
            intensity_factor = coalesce(excluded.intensity_factor, t.intensity_factor),
            perceived_exertion = coalesce(excluded.perceived_exertion, t.perceived_exertion),
            notes = coalesce(excluded.notes, t.notes),
            raw_activity_data = coalesce(excluded.raw_activity_data, t.raw_activity_data)
    RETURNING
        t.activity_id,
        t.calendar_date,
        t.activity_start_time,
        activities_json(t) AS row,
        CASE WHEN t.xmax = 0 THEN 'inserted' ELSE 'updated' END AS outcome
),

tracks AS (
    INSERT INTO activity_gps AS t (activity_id, customer_id, calendar_date, gps_data)
    SELECT
        (item.row).activity_id AS activity_id,
        %(customer_id)s,
        (item.row).calendar_date AS calendar_date,
        item.gps_data
    FROM item
    WHERE item.gps_data IS NOT NULL
    ON CONFLICT (customer_id, activity_id) DO UPDATE
        SET
            calendar_date = excluded.calendar_date,
            gps_data = excluded.gps_data
    RETURNING CASE WHEN t.xmax = 0 THEN 'inserted' ELSE 'updated' END AS outcome
),

unchanged AS (
    SELECT
        stored.activity_id,
        stored.calendar_date,
        stored.activity_start_time,
        activities_json(stored) AS row,
        'unchanged' AS outcome
    FROM activities AS stored
    INNER JOIN item
        ON
            stored.customer_id = %(customer_id)s
            AND stored.activity_id = (item.row).activity_id
    WHERE stored.activity_id NOT IN (SELECT upserted.activity_id FROM upserted)
),

batch AS (
    SELECT
        activity_id,
        calendar_date,
        activity_start_time,
        row,
        outcome
    FROM upserted
    UNION ALL
    SELECT
        activity_id,
        calendar_date,
        activity_start_time,
        row,
        outcome
    FROM unchanged
),

track_counts AS (
    SELECT
        json_build_object(
            'inserted', count(*) FILTER (WHERE outcome = 'inserted'),
            'updated', count(*) FILTER (WHERE outcome = 'updated')
        ) AS gps
    FROM tracks
)

SELECT
    json_build_object(
        'inserted', count(*) FILTER (WHERE batch.outcome = 'inserted'),
        'updated', count(*) FILTER (WHERE batch.outcome = 'updated'),
        'unchanged', count(*) FILTER (WHERE batch.outcome = 'unchanged'),
        'count', count(*),
        'items', coalesce(
            json_agg(
                batch.row
                ORDER BY batch.calendar_date, batch.activity_start_time, batch.activity_id
            ),
            '[]'
        ),
        'gps', (SELECT track_counts.gps FROM track_counts)
    )::text
FROM batch;
