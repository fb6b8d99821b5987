-- name: select_activity_weather :scalar
-- The weather at the start of one of the user's activities (Celsius, percent humidity, km/h
-- wind) and the watch's temperature range.
-- Params: customer_id, activity_id.
-- Returns JSON text, or NULL when the user has no such activity.
-- Index: activities_pkey (activity_id).
SELECT
    json_build_object(
        'activity_id', a.activity_id,
        'calendar_date', a.calendar_date,
        'activity_start_time', a.activity_start_time,
        'activity_weather_temperature_on_start', a.activity_weather_temperature_on_start,
        'activity_weather_relative_humidity_on_start',
        a.activity_weather_relative_humidity_on_start,
        'activity_weather_wind_direction_on_start', a.activity_weather_wind_direction_on_start,
        'activity_weather_wind_speed_on_start', a.activity_weather_wind_speed_on_start,
        'activity_weather_wind_gust_on_start', a.activity_weather_wind_gust_on_start,
        'activity_weather_type_desc', a.activity_weather_type_desc,
        'activity_watch_min_temperature', a.activity_watch_min_temperature,
        'activity_watch_max_temperature', a.activity_watch_max_temperature
    )::text
FROM activities AS a
WHERE a.activity_id = %(activity_id)s AND a.customer_id = %(customer_id)s;
