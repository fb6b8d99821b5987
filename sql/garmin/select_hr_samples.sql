-- name: select_hr_samples :scalar
-- The heart-rate samples of one of the caller's activities, in time order; with buckets,
-- averaged into that many equal runs of consecutive samples (ntile), each with its first
-- time, mean and max heart rate. Params: customer_id, activity_id, buckets (NULL = all).
-- Returns JSON text {activity_id, count, downsampled, samples}, or NULL when the caller has no
-- such activity. Index: activities_owner_key; heart_rate_samples_pkey.
WITH owned AS (
    SELECT a.activity_id
    FROM activities AS a
    WHERE a.customer_id = %(customer_id)s AND a.activity_id = %(activity_id)s
),

numbered AS (
    SELECT
        s.sample_time,
        s.heart_rate,
        s.elapsed_seconds,
        ntile(coalesce(%(buckets)s::integer, 1)) OVER (ORDER BY s.sample_time) AS bucket
    FROM heart_rate_samples AS s
    WHERE s.activity_id = (SELECT owned.activity_id FROM owned)
),

shaped AS (
    SELECT
        min(sample_time) AS sample_time,
        min(elapsed_seconds) AS elapsed_seconds,
        round(avg(heart_rate), 1) AS heart_rate,
        max(heart_rate) AS max_heart_rate,
        count(*) AS samples
    FROM numbered
    WHERE %(buckets)s::integer IS NOT NULL
    GROUP BY bucket
    UNION ALL
    SELECT
        sample_time,
        elapsed_seconds,
        heart_rate,
        heart_rate AS max_heart_rate,
        1 AS samples
    FROM numbered
    WHERE %(buckets)s::integer IS NULL
)

SELECT
    json_build_object(
        'activity_id', owned.activity_id,
        'downsampled', %(buckets)s::integer IS NOT NULL,
        'count', (SELECT count(*) FROM shaped),
        'samples', (
            SELECT coalesce(json_agg(to_json(shaped) ORDER BY shaped.sample_time), '[]')
            FROM shaped
        )
    )::text
FROM owned;
