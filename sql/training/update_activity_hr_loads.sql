-- name: update_activity_hr_loads :scalar
-- Computes the heart-rate training load of the caller's activities in an inclusive date window
-- from their stored heart-rate samples and stores it with the method that gives each activity
-- its load, in one statement.
--
-- The load is Banister's training impulse (TRIMP), with the weighting of
--   Banister E.W., "Modeling elite athletic performance", in MacDougall, Wenger & Green (eds.),
--   Physiological Testing of the High-Performance Athlete, Human Kinetics 1991, pp. 403-424;
--   and Morton R.H., Fitz-Clarke J.R., Banister E.W., "Modeling human performance in running",
--   J Appl Physiol 69(3):1171-1177, 1990:
--     TRIMP = sum over samples of  dt_min * HRr * 0.64 * e^(k * HRr)
--     HRr   = (HR - HR_rest) / (HR_max - HR_rest), clamped to [0, 1]
--     k     = 1.92 for men, 1.67 for women (the profile's gender; 1.92 when it is not 'female')
--   HR_rest and HR_max are the profile's resting_heart_rate and max_heart_rate. dt_min is the
--   time in minutes from a sample to the next one of the activity; a gap longer than 30 s is a
--   pause (timer stopped) and counts 0, as does the last sample. Rounded to 3 decimals.
-- Without both heart rates in the profile, or without samples, an activity has no HR load.
-- training_load_method: 'device' when Garmin's activity_activity_training_load is set (it wins),
-- else 'banister_trimp' when the HR load exists, else NULL. recompute_training_load counts
-- coalesce(activity_activity_training_load, hr_training_load).
-- Params: customer_id, start_date, end_date. Returns JSON text {items: [{activity_id,
-- calendar_date, training_load_method, training_load, hr_training_load}], count, updated}.
-- Index: activities_customer_date_idx (the window); heart_rate_samples_pkey (each activity's
-- samples in time order); user_profile_pkey.
WITH profile AS (
    SELECT
        p.resting_heart_rate AS rest,
        p.max_heart_rate AS peak,
        CASE WHEN p.gender = 'female' THEN 1.67 ELSE 1.92 END AS k
    FROM user_profile AS p
    WHERE
        p.customer_id = %(customer_id)s
        AND p.resting_heart_rate IS NOT NULL
        AND p.max_heart_rate IS NOT NULL
),

chosen AS (
    SELECT
        a.activity_id,
        a.calendar_date,
        a.activity_activity_training_load AS device_load
    FROM activities AS a
    WHERE
        a.customer_id = %(customer_id)s
        AND a.calendar_date BETWEEN %(start_date)s::date AND %(end_date)s::date
),

paced AS (
    SELECT
        s.activity_id,
        p.k,
        least(
            greatest((s.heart_rate - p.rest)::numeric / (p.peak - p.rest), 0), 1
        ) AS hrr,
        extract(
            EPOCH FROM lead(s.sample_time) OVER (
                PARTITION BY s.activity_id ORDER BY s.sample_time, s.seq
            ) - s.sample_time
        ) AS gap_seconds
    FROM heart_rate_samples AS s
    INNER JOIN chosen AS c
        ON s.customer_id = %(customer_id)s AND s.activity_id = c.activity_id
    CROSS JOIN profile AS p
),

trimp AS (
    SELECT
        activity_id,
        round(sum(
            CASE WHEN gap_seconds <= 30 THEN gap_seconds / 60 ELSE 0 END
            * hrr * 0.64 * exp(k * hrr)
        ), 3) AS load
    FROM paced
    GROUP BY activity_id
),

computed AS (
    SELECT
        c.activity_id,
        c.calendar_date,
        c.device_load,
        t.load AS hr_load,
        CASE
            WHEN c.device_load IS NOT NULL THEN 'device'
            WHEN t.load IS NOT NULL THEN 'banister_trimp'
        END AS method
    FROM chosen AS c
    LEFT JOIN trimp AS t ON c.activity_id = t.activity_id
),

stored AS (
    UPDATE activities AS a
    SET
        hr_training_load = computed.hr_load,
        training_load_method = computed.method
    FROM computed
    WHERE
        a.customer_id = %(customer_id)s
        AND a.activity_id = computed.activity_id
        AND (a.hr_training_load, a.training_load_method)
        IS DISTINCT FROM (computed.hr_load, computed.method)
    RETURNING a.activity_id
)

SELECT
    json_build_object(
        'items', coalesce(json_agg(json_build_object(
            'activity_id', computed.activity_id,
            'calendar_date', computed.calendar_date,
            'training_load_method', computed.method,
            'training_load', coalesce(computed.device_load, computed.hr_load),
            'hr_training_load', computed.hr_load
        ) ORDER BY computed.calendar_date, computed.activity_id), '[]'),
        'count', count(*),
        'updated', (SELECT count(*) FROM stored)
    )::text
FROM computed;
