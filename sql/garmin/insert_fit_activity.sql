-- name: insert_fit_activity :scalar
-- Completes the storing of one decoded .FIT activity file for the caller in one statement: the
-- activity row from the file's session (the row insert_fit_activity_start wrote when the first
-- heart-rate sample arrived, or a new one, its id from fit_activity_id_seq, for a file without
-- samples), the file's identity and device, its laps and its GPS track. The samples are stored
-- already (insert_fit_samples, while the file was decoded); their elapsed seconds are counted
-- again from origin when the session's start moved it (the activity's start, or the first
-- sample when that is earlier). A file the caller already imported fails on
-- fit_files_identity_key (two uploads of one file at once; the caller asks
-- select_fit_file_activity first).
-- Params: customer_id; activity_id, the started row or NULL; fit, a small JSON object {file:
-- fit_files columns (content_sha256 as hex), activity: activities columns, laps:
-- [activity_laps columns]}; track, the GPS track (activity_gps.gps_data) or NULL: its own
-- parameter, so PostgreSQL parses the ~3 MB of a long activity's track once and the other
-- fields are read from a small document; origin, the time the samples' elapsed seconds must
-- count from, or NULL when they already do.
-- Returns the activity id.
-- Index: activities_pkey (the update); heart_rate_samples_pkey (the samples of the activity);
-- the primary keys and fit_files_identity_key of the inserts.
WITH updated AS (
    UPDATE activities AS a
    SET
        calendar_date = r.calendar_date,
        activity_type = r.activity_type,
        activity_name = r.activity_name,
        activity_start_time = r.activity_start_time,
        time_offset = r.time_offset,
        activity_start_latitude = r.activity_start_latitude,
        activity_start_longitude = r.activity_start_longitude,
        activity_end_latitude = r.activity_end_latitude,
        activity_end_longitude = r.activity_end_longitude,
        activity_duration = r.activity_duration,
        activity_elapsed_duration = r.activity_elapsed_duration,
        activity_distance = r.activity_distance,
        activity_elevation_gain = r.activity_elevation_gain,
        activity_elevation_loss = r.activity_elevation_loss,
        activity_calories = r.activity_calories,
        activity_average_speed = r.activity_average_speed,
        activity_average_hr = r.activity_average_hr,
        activity_max_hr = r.activity_max_hr,
        activity_aerobic_training_effect = r.activity_aerobic_training_effect,
        activity_anaerobic_training_effect = r.activity_anaerobic_training_effect,
        avg_power = r.avg_power,
        max_power = r.max_power,
        normalized_power = r.normalized_power,
        avg_cadence = r.avg_cadence,
        max_cadence = r.max_cadence,
        avg_vertical_oscillation = r.avg_vertical_oscillation,
        avg_ground_contact_time = r.avg_ground_contact_time
    FROM jsonb_populate_record(NULL::activities, %(fit)s::jsonb -> 'activity') AS r
    WHERE a.customer_id = %(customer_id)s AND a.activity_id = %(activity_id)s::bigint
    RETURNING a.activity_id, a.calendar_date
),

inserted AS (
    INSERT INTO activities (
        activity_id, customer_id, calendar_date, activity_type, activity_name,
        activity_start_time, time_offset, activity_start_latitude, activity_start_longitude,
        activity_end_latitude, activity_end_longitude, activity_duration,
        activity_elapsed_duration, activity_distance, activity_elevation_gain,
        activity_elevation_loss, activity_calories, activity_average_speed, activity_average_hr,
        activity_max_hr, activity_aerobic_training_effect, activity_anaerobic_training_effect,
        avg_power, max_power, normalized_power, avg_cadence, max_cadence,
        avg_vertical_oscillation, avg_ground_contact_time
    )
    SELECT
        nextval('fit_activity_id_seq') AS activity_id,
        %(customer_id)s,
        r.calendar_date,
        r.activity_type,
        r.activity_name,
        r.activity_start_time,
        r.time_offset,
        r.activity_start_latitude,
        r.activity_start_longitude,
        r.activity_end_latitude,
        r.activity_end_longitude,
        r.activity_duration,
        r.activity_elapsed_duration,
        r.activity_distance,
        r.activity_elevation_gain,
        r.activity_elevation_loss,
        r.activity_calories,
        r.activity_average_speed,
        r.activity_average_hr,
        r.activity_max_hr,
        r.activity_aerobic_training_effect,
        r.activity_anaerobic_training_effect,
        r.avg_power,
        r.max_power,
        r.normalized_power,
        r.avg_cadence,
        r.max_cadence,
        r.avg_vertical_oscillation,
        r.avg_ground_contact_time
    FROM jsonb_populate_record(NULL::activities, %(fit)s::jsonb -> 'activity') AS r
    WHERE %(activity_id)s::bigint IS NULL
    RETURNING activity_id, calendar_date
),

activity AS (
    SELECT
        u.activity_id,
        u.calendar_date
    FROM updated AS u
    UNION ALL
    SELECT
        i.activity_id,
        i.calendar_date
    FROM inserted AS i
),

file AS (
    INSERT INTO fit_files (
        customer_id, activity_id, file_identity, content_sha256, file_name, size_bytes,
        serial_number, time_created, manufacturer, product, software_version, record_count,
        hr_record_count, gps_point_count
    )
    SELECT
        %(customer_id)s,
        a.activity_id,
        r.file_identity,
        decode(%(fit)s::jsonb -> 'file' ->> 'content_sha256', 'hex') AS content_sha256,
        r.file_name,
        r.size_bytes,
        r.serial_number,
        r.time_created,
        r.manufacturer,
        r.product,
        r.software_version,
        r.record_count,
        r.hr_record_count,
        r.gps_point_count
    FROM activity AS a
    CROSS JOIN
        jsonb_populate_record(
            NULL::fit_files, (%(fit)s::jsonb -> 'file') - 'content_sha256'
        ) AS r
    RETURNING activity_id
),

laps AS (
    INSERT INTO activity_laps (
        customer_id, activity_id, lap_index, start_time, end_time, elapsed_seconds,
        timer_seconds, distance_meters, calories, average_hr, max_hr, average_speed, max_speed,
        average_cadence, max_cadence, average_power, max_power, total_ascent, total_descent,
        start_latitude, start_longitude, end_latitude, end_longitude, intensity, lap_trigger
    )
    SELECT
        %(customer_id)s,
        a.activity_id,
        l.lap_index,
        l.start_time,
        l.end_time,
        l.elapsed_seconds,
        l.timer_seconds,
        l.distance_meters,
        l.calories,
        l.average_hr,
        l.max_hr,
        l.average_speed,
        l.max_speed,
        l.average_cadence,
        l.max_cadence,
        l.average_power,
        l.max_power,
        l.total_ascent,
        l.total_descent,
        l.start_latitude,
        l.start_longitude,
        l.end_latitude,
        l.end_longitude,
        l.intensity,
        l.lap_trigger
    FROM activity AS a
    CROSS JOIN
        jsonb_populate_recordset(
            NULL::activity_laps, coalesce(%(fit)s::jsonb -> 'laps', '[]')
        ) AS l
    RETURNING 1
),

track AS (
    INSERT INTO activity_gps (activity_id, customer_id, calendar_date, gps_data)
    SELECT
        a.activity_id,
        %(customer_id)s,
        a.calendar_date,
        %(track)s::jsonb
    FROM activity AS a
    WHERE %(track)s::jsonb IS NOT NULL
    RETURNING 1
),

rebased AS (
    UPDATE heart_rate_samples AS s
    SET
        elapsed_seconds
        = floor(extract(EPOCH FROM s.sample_time - %(origin)s::timestamptz))::integer
    WHERE
        %(origin)s::timestamptz IS NOT NULL
        AND s.customer_id = %(customer_id)s
        AND s.activity_id = %(activity_id)s::bigint
    RETURNING 1
)

-- PostgreSQL runs every data-modifying CTE to its end whether or not it is read.
SELECT a.activity_id FROM activity AS a;
