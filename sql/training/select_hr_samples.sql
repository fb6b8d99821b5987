-- name: select_hr_samples :scalar
-- The heart-rate samples of one of the caller's activities, in time order (samples that share
-- a second by seq); with buckets, averaged into that many equal runs of consecutive samples
-- (ntile), each with its first time, mean and max heart rate. Params: customer_id,
-- activity_id, buckets (NULL = all). Returns JSON text {activity_id, count, downsampled,
-- samples}, or NULL when the caller has no such activity.
-- Index: activities_pkey; heart_rate_samples_pkey (customer_id, activity_id, sample_time, seq)
-- of each monthly partition. EXPLAIN (ANALYZE) of the samples part on a year of 3 seeded users
-- (13 months, 815,400 samples, PostgreSQL 18), the activity's id coming from the InitPlan:
--   Sort (rows=1800)  Sort Key: s.sample_time, s.seq  Sort Method: quicksort  Memory: 105kB
--     InitPlan 1 -> Index Only Scan using activities_pkey on activities a
--     -> Append (rows=1800)
--          -> Bitmap Heap Scan on heart_rate_samples_2025_12 s_1 (rows=0)
--               -> Bitmap Index Scan on heart_rate_samples_2025_12_pkey
--                    Index Cond: ((customer_id = 3) AND (activity_id = (InitPlan 1).col1))
--          ... one per month: 2-3 buffers each where the activity has no samples
--          -> Bitmap Heap Scan on heart_rate_samples_2026_11 s_12 (rows=1800)
--               Heap Blocks: exact=14 (the samples of one activity lie together)
--   Planning Time: 2.4 ms  Execution Time: 5.2 ms
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
        row_number() OVER (ORDER BY s.sample_time, s.seq) AS position,
        ntile(coalesce(%(buckets)s::integer, 1)) OVER (ORDER BY s.sample_time, s.seq) AS bucket
    FROM heart_rate_samples AS s
    WHERE
        s.customer_id = %(customer_id)s
        AND s.activity_id = (SELECT owned.activity_id FROM owned)
),

shaped AS (
    SELECT
        min(position) AS position,
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
        position,
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
            SELECT
                coalesce(json_agg(json_build_object(
                    'sample_time', shaped.sample_time,
                    'elapsed_seconds', shaped.elapsed_seconds,
                    'heart_rate', shaped.heart_rate,
                    'max_heart_rate', shaped.max_heart_rate,
                    'samples', shaped.samples
                ) ORDER BY shaped.position), '[]')
            FROM shaped
        )
    )::text
FROM owned;
