-- name: insert_fit_activity :one
-- Stores one decoded .FIT activity file for the caller in one statement: the activity row (its id
-- from fit_activity_id_seq), the file's identity and device, its laps, its GPS track and its
-- heart-rate samples, COPYed into hr_upload first (see create_hr_upload; its months made sure
-- of by ensure_hr_upload_partitions). A file whose identity (device serial + time created, or
-- the content hash) the caller already imported changes nothing: its activity_id comes back
-- with created = false.
-- The samples go to an activity this statement has just created, so no stored row can share
-- their keys: a plain insert, in primary-key order, without upsert_hr_samples' ON CONFLICT
-- (a speculative insertion per row). seq and elapsed_seconds are upsert_hr_samples' rules:
-- samples sharing a timestamp are numbered in upload order, seconds count from the activity's
-- start or from the first sample when that is earlier.
-- Params: customer_id; fit, a small JSON object {file: fit_files columns (content_sha256 as
-- hex), activity: activities columns, laps: [activity_laps columns]}; track, the GPS track
-- (activity_gps.gps_data) or NULL: its own parameter, so PostgreSQL parses the ~3 MB of a long
-- activity's track once and the other fields are read from a small document.
-- Returns {activity_id, created, laps_written, track_written, samples_written}.
-- Index: fit_files_identity_key (the identity check); the primary keys of the inserts.
WITH known AS (
    SELECT f.activity_id
    FROM fit_files AS f
    WHERE
        f.customer_id = %(customer_id)s
        AND f.file_identity = %(fit)s::jsonb -> 'file' ->> 'file_identity'
),

new_id AS (
    SELECT nextval('fit_activity_id_seq') AS activity_id
    WHERE NOT EXISTS (SELECT FROM known)
),

activity AS (
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
        n.activity_id,
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
    FROM new_id AS n
    CROSS JOIN jsonb_populate_record(NULL::activities, %(fit)s::jsonb -> 'activity') AS r
    RETURNING activity_id, calendar_date, activity_start_time
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

-- Seconds count from here: the activity's start, or the first sample when that is earlier.
origin AS (
    SELECT
        a.activity_id,
        least(a.activity_start_time, (SELECT min(h.sample_time) FROM hr_upload AS h)) AS origin
    FROM activity AS a
),

-- The window's sort, (sample_time, position), already gives the rows in primary-key order.
upload AS (
    SELECT
        h.sample_time,
        h.heart_rate,
        (row_number() OVER (PARTITION BY h.sample_time ORDER BY h.position) - 1)::smallint
            AS seq
    FROM hr_upload AS h
),

samples AS (
    INSERT INTO heart_rate_samples (
        customer_id, activity_id, sample_time, seq, heart_rate, elapsed_seconds
    )
    SELECT
        %(customer_id)s,
        o.activity_id,
        u.sample_time,
        u.seq,
        u.heart_rate,
        floor(extract(EPOCH FROM u.sample_time - o.origin))::integer AS elapsed_seconds
    FROM origin AS o
    CROSS JOIN upload AS u
    RETURNING 1
)

SELECT
    coalesce(
        (SELECT a.activity_id FROM activity AS a), (SELECT k.activity_id FROM known AS k)
    ) AS activity_id,
    exists(SELECT FROM file) AS created,
    (SELECT count(*) FROM laps) AS laps_written,
    exists(SELECT FROM track) AS track_written,
    (SELECT count(*) FROM samples) AS samples_written;
