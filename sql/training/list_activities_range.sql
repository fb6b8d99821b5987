-- name: list_activities_range :scalar
-- The caller's activities in an inclusive date window, optionally of one type, by start.
-- Params: customer_id, start_date, end_date, activity_type. Returns JSON text {items, count}
-- (activity rows without the raw data). Index: activities_customer_type_date_idx with a type,
-- activities_customer_date_idx without.
SELECT
    json_build_object(
        'items', coalesce(
            json_agg(
                jsonb_build_object(
                    'activity_id', a.activity_id,
                    'customer_id', a.customer_id,
                    'calendar_date', a.calendar_date,
                    'activity_type', a.activity_type,
                    'activity_name', a.activity_name,
                    'activity_description', a.activity_description,
                    'activity_start_time', a.activity_start_time,
                    'time_offset', a.time_offset,
                    'activity_start_latitude', a.activity_start_latitude,
                    'activity_start_longitude', a.activity_start_longitude,
                    'activity_end_latitude', a.activity_end_latitude,
                    'activity_end_longitude', a.activity_end_longitude,
                    'activity_location_name', a.activity_location_name,
                    'activity_duration', a.activity_duration,
                    'activity_elapsed_duration', a.activity_elapsed_duration,
                    'activity_moving_duration', a.activity_moving_duration,
                    'activity_distance', a.activity_distance,
                    'activity_elevation_gain', a.activity_elevation_gain,
                    'activity_elevation_loss', a.activity_elevation_loss,
                    'activity_min_elevation', a.activity_min_elevation,
                    'activity_max_elevation', a.activity_max_elevation,
                    'activity_calories', a.activity_calories,
                    'activity_bmr_calories', a.activity_bmr_calories,
                    'activity_steps', a.activity_steps,
                    'activity_avg_stride_length', a.activity_avg_stride_length,
                    'activity_average_speed', a.activity_average_speed,
                    'activity_average_hr', a.activity_average_hr,
                    'activity_max_hr', a.activity_max_hr,
                    'activity_watch_min_temperature', a.activity_watch_min_temperature,
                    'activity_watch_max_temperature', a.activity_watch_max_temperature,
                    'activity_weather_temperature_on_start',
                    a.activity_weather_temperature_on_start,
                    'activity_weather_relative_humidity_on_start',
                    a.activity_weather_relative_humidity_on_start,
                    'activity_weather_wind_direction_on_start',
                    a.activity_weather_wind_direction_on_start
                )
                || jsonb_build_object(
                    'activity_weather_wind_speed_on_start', a.activity_weather_wind_speed_on_start,
                    'activity_weather_wind_gust_on_start', a.activity_weather_wind_gust_on_start,
                    'activity_weather_type_desc', a.activity_weather_type_desc,
                    'activity_water_estimated', a.activity_water_estimated,
                    'activity_aerobic_training_effect', a.activity_aerobic_training_effect,
                    'activity_anaerobic_training_effect', a.activity_anaerobic_training_effect,
                    'activity_activity_training_load', a.activity_activity_training_load,
                    'activity_training_effect_label', a.activity_training_effect_label,
                    'activity_aerobic_training_effect_message',
                    a.activity_aerobic_training_effect_message,
                    'activity_anaerobic_training_effect_message',
                    a.activity_anaerobic_training_effect_message,
                    'activity_moderate_intensity_minutes', a.activity_moderate_intensity_minutes,
                    'activity_vigorous_intensity_minutes', a.activity_vigorous_intensity_minutes,
                    'activity_difference_body_battery', a.activity_difference_body_battery,
                    'activity_secs_in_zone1', a.activity_secs_in_zone1,
                    'activity_secs_in_zone2', a.activity_secs_in_zone2,
                    'activity_secs_in_zone3', a.activity_secs_in_zone3,
                    'activity_secs_in_zone4', a.activity_secs_in_zone4,
                    'activity_secs_in_zone5', a.activity_secs_in_zone5,
                    'created_at', a.created_at,
                    'updated_at', a.updated_at,
                    'avg_power', a.avg_power,
                    'max_power', a.max_power,
                    'normalized_power', a.normalized_power,
                    'avg_cadence', a.avg_cadence,
                    'max_cadence', a.max_cadence,
                    'avg_vertical_oscillation', a.avg_vertical_oscillation,
                    'avg_ground_contact_time', a.avg_ground_contact_time,
                    'intensity_factor', a.intensity_factor,
                    'perceived_exertion', a.perceived_exertion,
                    'notes', a.notes,
                    'planned_workout_id', a.planned_workout_id,
                    'hr_training_load', a.hr_training_load,
                    'training_load_method', a.training_load_method
                )
                ORDER BY a.calendar_date, a.activity_start_time, a.activity_id
            ),
            '[]'
        ),
        'count', count(*)
    )::text
FROM activities AS a
WHERE
    a.customer_id = %(customer_id)s
    AND a.calendar_date BETWEEN %(start_date)s::date AND %(end_date)s::date
    AND (%(activity_type)s::text IS NULL OR a.activity_type = %(activity_type)s::text);
