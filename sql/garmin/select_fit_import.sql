-- name: select_fit_import :scalar
-- One activity the caller imported from a .FIT file: the file's identity and device, the
-- activity's summary and training load, what was stored (records, heart-rate samples, GPS
-- points, laps) and the laps in order, as JSON built by PostgreSQL.
-- Params: customer_id, activity_id. Returns JSON text, or NULL when the caller imported no such
-- activity (another user's is NULL too).
-- Index: fit_files_pkey (customer_id, activity_id); activities_pkey; heart_rate_samples_pkey
-- (the sample count); activity_laps_pkey (the laps in order).
SELECT
    json_build_object(
        'activity_id', a.activity_id,
        'customer_id', a.customer_id,
        'calendar_date', a.calendar_date,
        'activity_type', a.activity_type,
        'activity_name', a.activity_name,
        'activity_start_time', a.activity_start_time,
        'time_offset', extract(EPOCH FROM a.time_offset)::integer,
        'activity_duration', a.activity_duration,
        'activity_elapsed_duration', a.activity_elapsed_duration,
        'activity_distance', a.activity_distance,
        'activity_calories', a.activity_calories,
        'activity_average_hr', a.activity_average_hr,
        'activity_max_hr', a.activity_max_hr,
        'activity_start_latitude', a.activity_start_latitude,
        'activity_start_longitude', a.activity_start_longitude,
        'training_load_method', a.training_load_method,
        'training_load', coalesce(a.activity_activity_training_load, a.hr_training_load),
        'hr_training_load', a.hr_training_load,
        'file', json_build_object(
            'file_identity', f.file_identity,
            'content_sha256', encode(f.content_sha256, 'hex'),
            'file_name', f.file_name,
            'size_bytes', f.size_bytes,
            'time_created', f.time_created,
            'imported_at', f.imported_at
        ),
        'device', json_build_object(
            'manufacturer', f.manufacturer,
            'product', f.product,
            'serial_number', f.serial_number,
            'software_version', f.software_version
        ),
        'stored', json_build_object(
            'records', f.record_count,
            'hr_records', f.hr_record_count,
            'hr_samples', (
                SELECT count(*) FROM heart_rate_samples AS s
                WHERE s.customer_id = a.customer_id AND s.activity_id = a.activity_id
            ),
            'gps_points', f.gps_point_count,
            'laps', (
                SELECT count(*) FROM activity_laps AS l
                WHERE l.customer_id = a.customer_id AND l.activity_id = a.activity_id
            )
        ),
        'laps', (
            SELECT
                coalesce(json_agg(json_build_object(
                    'lap_index', l.lap_index,
                    'start_time', l.start_time,
                    'end_time', l.end_time,
                    'elapsed_seconds', l.elapsed_seconds,
                    'timer_seconds', l.timer_seconds,
                    'distance_meters', l.distance_meters,
                    'calories', l.calories,
                    'average_hr', l.average_hr,
                    'max_hr', l.max_hr,
                    'average_speed', l.average_speed,
                    'max_speed', l.max_speed,
                    'average_cadence', l.average_cadence,
                    'max_cadence', l.max_cadence,
                    'average_power', l.average_power,
                    'max_power', l.max_power,
                    'total_ascent', l.total_ascent,
                    'total_descent', l.total_descent,
                    'start_latitude', l.start_latitude,
                    'start_longitude', l.start_longitude,
                    'end_latitude', l.end_latitude,
                    'end_longitude', l.end_longitude,
                    'intensity', l.intensity,
                    'lap_trigger', l.lap_trigger
                ) ORDER BY l.lap_index), '[]')
            FROM activity_laps AS l
            WHERE l.customer_id = a.customer_id AND l.activity_id = a.activity_id
        )
    )::text
FROM fit_files AS f
INNER JOIN activities AS a ON f.customer_id = a.customer_id AND f.activity_id = a.activity_id
WHERE f.customer_id = %(customer_id)s AND f.activity_id = %(activity_id)s;
