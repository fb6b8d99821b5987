-- name: upsert_hr_samples :one
-- Writes the uploaded samples (hr_upload) to one of the caller's activities in one statement:
-- merge keeps stored samples at other times; replace deletes them. Elapsed seconds count from
-- the activity's start (or from the first sample when the start is unknown or later).
-- Params: customer_id, activity_id, replace. Returns {owned, written, deleted}: owned is false
-- (and nothing is written) when the caller has no such activity.
-- Index: activities_owner_key; heart_rate_samples_pkey (conflict target, the delete).
WITH owned AS (
    SELECT
        a.activity_id,
        least(a.activity_start_time, (SELECT min(u.sample_time) FROM hr_upload AS u)) AS origin
    FROM activities AS a
    WHERE a.customer_id = %(customer_id)s AND a.activity_id = %(activity_id)s
),

removed AS (
    DELETE FROM heart_rate_samples AS s
    USING owned
    WHERE
        %(replace)s
        AND s.activity_id = owned.activity_id
        AND NOT EXISTS (
            SELECT FROM hr_upload AS u
            WHERE u.sample_time = s.sample_time
        )
    RETURNING 1
),

written AS (
    INSERT INTO heart_rate_samples (activity_id, sample_time, heart_rate, elapsed_seconds)
    SELECT
        owned.activity_id,
        u.sample_time,
        u.heart_rate,
        floor(extract(EPOCH FROM u.sample_time - owned.origin))::integer AS elapsed_seconds
    FROM hr_upload AS u
    CROSS JOIN owned
    ON CONFLICT (activity_id, sample_time) DO UPDATE
        SET
            heart_rate = excluded.heart_rate,
            elapsed_seconds = excluded.elapsed_seconds
    RETURNING 1
)

SELECT
    exists(SELECT FROM owned) AS owned,
    (SELECT count(*) FROM written) AS written,
    (SELECT count(*) FROM removed) AS deleted;
