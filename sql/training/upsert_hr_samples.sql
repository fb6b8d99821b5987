-- name: upsert_hr_samples :one
-- Writes the uploaded samples (hr_upload) to one of the caller's activities in one statement:
-- merge keeps stored samples at other times; replace deletes them. Elapsed seconds count from
-- the activity's start (or from the first sample when the start is unknown or later). Samples
-- that share a timestamp are numbered by seq in upload order (0 for the first), so every one
-- is kept; re-sending the same samples matches the same keys and writes nothing (a row is
-- only updated when its heart rate or elapsed seconds differ). The months must exist
-- (ensure_hr_upload_partitions runs first).
-- Params: customer_id, activity_id, replace. Returns owned (false, and nothing is written, when
-- the caller has no such activity), written, and the upload's answer as JSON text
-- {activity_id, mode, written, deleted}.
-- Index: activities_pkey; heart_rate_samples_pkey (conflict target, the delete).
WITH owned AS (
    SELECT
        a.activity_id,
        least(a.activity_start_time, (SELECT min(u.sample_time) FROM hr_upload AS u)) AS origin
    FROM activities AS a
    WHERE a.customer_id = %(customer_id)s AND a.activity_id = %(activity_id)s
),

upload AS (
    SELECT
        u.sample_time,
        u.heart_rate,
        (row_number() OVER (PARTITION BY u.sample_time ORDER BY u.position) - 1)::smallint
            AS seq
    FROM hr_upload AS u
),

removed AS (
    DELETE FROM heart_rate_samples AS s
    USING owned
    WHERE
        %(replace)s
        AND s.customer_id = %(customer_id)s
        AND s.activity_id = owned.activity_id
        AND NOT EXISTS (
            SELECT FROM upload AS u
            WHERE u.sample_time = s.sample_time AND u.seq = s.seq
        )
    RETURNING 1
),

written AS (
    INSERT INTO heart_rate_samples AS s (
        customer_id, activity_id, sample_time, seq, heart_rate, elapsed_seconds
    )
    SELECT
        %(customer_id)s,
        owned.activity_id,
        u.sample_time,
        u.seq,
        u.heart_rate,
        floor(extract(EPOCH FROM u.sample_time - owned.origin))::integer AS elapsed_seconds
    FROM upload AS u
    CROSS JOIN owned
    ON CONFLICT (customer_id, activity_id, sample_time, seq) DO UPDATE
        SET
            heart_rate = excluded.heart_rate,
            elapsed_seconds = excluded.elapsed_seconds
        WHERE
        (s.heart_rate, s.elapsed_seconds)
        IS DISTINCT FROM (excluded.heart_rate, excluded.elapsed_seconds)
    RETURNING 1
)

SELECT
    exists(SELECT FROM owned) AS owned,
    (SELECT count(*) FROM written) AS written,
    json_build_object(
        'activity_id', %(activity_id)s::bigint,
        'mode', CASE WHEN %(replace)s THEN 'replace' ELSE 'merge' END,
        'written', (SELECT count(*) FROM written),
        'deleted', (SELECT count(*) FROM removed)
    )::text AS answer;
