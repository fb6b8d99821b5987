-- name: select_analysis_overview :scalar
-- The analysis overview: the requested datasets of one user over a date window, in one
-- statement, with JSON built here. Next-day datasets (sleep, hrv) follow mode as in their
-- list queries. With include_optimized, also one object per calendar day holding the key
-- metrics of every dataset, by category (sleep / health / training; activities of a day are
-- summed), for dashboards and the assistant.
-- Params: customer_id; start_date, end_date (inclusive, NULL = open); mode ('standard' |
-- 'correlation'); datasets (text[] of dataset keys: summary, body_composition, sleep, hrv,
-- training_readiness, training_endurance, training_status, training_fitness_age, activity,
-- daily_health_events, max_metrics); include_optimized.
-- Returns JSON text {datasets: {key: [rows by day]}, optimized?: [{date, sleep, health,
-- training}]}.
-- Index: each table's (customer_id, calendar_date) key (activities_customer_date_idx), a
-- range scan per requested dataset; the others are skipped by their one-time filter.
WITH shift AS (
    SELECT CASE WHEN %(mode)s = 'correlation' THEN 1 ELSE 0 END AS days
),

picked AS (
    SELECT
        'summary' AS dataset,
        t.calendar_date,
        user_summary_json(t) AS row
    FROM user_summary AS t
    WHERE
        'summary' = any(%(datasets)s::text[])
        AND t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
    UNION ALL
    SELECT
        'body_composition' AS dataset,
        t.calendar_date,
        body_composition_json(t) AS row
    FROM body_composition AS t
    WHERE
        'body_composition' = any(%(datasets)s::text[])
        AND t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
    UNION ALL
    SELECT
        'sleep' AS dataset,
        t.calendar_date - shift.days AS calendar_date,
        sleep_data_json(t)
        || jsonb_build_object('calendar_date', t.calendar_date - shift.days) AS row
    FROM sleep_data AS t
    CROSS JOIN shift
    WHERE
        'sleep' = any(%(datasets)s::text[])
        AND t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity') + shift.days
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity') + shift.days
    UNION ALL
    SELECT
        'hrv' AS dataset,
        t.calendar_date - shift.days AS calendar_date,
        hrv_data_json(t)
        || jsonb_build_object('calendar_date', t.calendar_date - shift.days) AS row
    FROM hrv_data AS t
    CROSS JOIN shift
    WHERE
        'hrv' = any(%(datasets)s::text[])
        AND t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity') + shift.days
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity') + shift.days
    UNION ALL
    SELECT
        'training_readiness' AS dataset,
        t.calendar_date,
        training_readiness_json(t) AS row
    FROM training_readiness AS t
    WHERE
        'training_readiness' = any(%(datasets)s::text[])
        AND t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
    UNION ALL
    SELECT
        'training_endurance' AS dataset,
        t.calendar_date,
        endurance_score_json(t) AS row
    FROM endurance_score AS t
    WHERE
        'training_endurance' = any(%(datasets)s::text[])
        AND t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
    UNION ALL
    SELECT
        'training_status' AS dataset,
        t.calendar_date,
        training_status_json(t) AS row
    FROM training_status AS t
    WHERE
        'training_status' = any(%(datasets)s::text[])
        AND t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
    UNION ALL
    SELECT
        'training_fitness_age' AS dataset,
        t.calendar_date,
        fitness_age_json(t) AS row
    FROM fitness_age AS t
    WHERE
        'training_fitness_age' = any(%(datasets)s::text[])
        AND t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
    UNION ALL
    SELECT
        'activity' AS dataset,
        t.calendar_date,
        activities_json(t) AS row
    FROM activities AS t
    WHERE
        'activity' = any(%(datasets)s::text[])
        AND t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
    UNION ALL
    SELECT
        'daily_health_events' AS dataset,
        t.calendar_date,
        daily_health_events_json(t) AS row
    FROM daily_health_events AS t
    WHERE
        'daily_health_events' = any(%(datasets)s::text[])
        AND t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
    UNION ALL
    SELECT
        'max_metrics' AS dataset,
        t.calendar_date,
        max_metrics_json(t) AS row
    FROM max_metrics AS t
    WHERE
        'max_metrics' = any(%(datasets)s::text[])
        AND t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
),

-- Every requested dataset appears, empty or not.
by_dataset AS (
    SELECT
        requested.dataset,
        coalesce(
            jsonb_agg(
                picked.row
                ORDER BY picked.calendar_date, (picked.row ->> 'activity_start_time')::timestamptz
            ) FILTER (WHERE picked.row IS NOT NULL),
            '[]'
        ) AS rows
    FROM unnest(%(datasets)s::text[]) AS requested (dataset)
    LEFT JOIN picked ON requested.dataset = picked.dataset
    GROUP BY requested.dataset
),

-- The per-day view keeps these metrics of each dataset (the original's category mapping).
key_metric (dataset, category, names) AS (
    VALUES
    (
        'sleep', 'sleep', ARRAY[
            'sleep_time_seconds', 'sleep_start', 'sleep_end', 'nap_time_seconds',
            'deep_sleep_seconds', 'light_sleep_seconds', 'rem_sleep_seconds',
            'awake_sleep_seconds', 'sleep_average_respiration_value', 'sleep_awake_count',
            'avg_sleep_stress', 'sleep_score_feedback', 'sleep_overall_score_value',
            'sleep_overall_score_qualifier', 'sleep_stress_qualifier',
            'sleep_rem_percentage_value', 'sleep_light_percentage_value',
            'sleep_deep_percentage_value', 'sleep_avg_overnight_hrv',
            'sleep_resting_heart_rate', 'sleep_body_battery_change',
            'sleep_restless_moments_count'
        ]
    ),
    (
        'summary', 'health', ARRAY[
            'high_stress_duration', 'medium_stress_duration', 'low_stress_duration',
            'rest_stress_duration', 'activity_stress_duration',
            'uncategorized_stress_duration', 'average_stress_level',
            'body_battery_highest_value', 'body_battery_lowest_value',
            'body_battery_drained_value'
        ]
    ),
    (
        'body_composition', 'health', ARRAY[
            'weight', 'bmi', 'body_fat_percentage', 'body_water_percentage',
            'muscle_mass_percentage', 'visceral_fat', 'basal_metabolic_rate'
        ]
    ),
    (
        'hrv', 'health', ARRAY[
            'hrv_weekly_avg', 'hrv_last_night_avg', 'hrv_baseline_balanced_low',
            'hrv_baseline_balanced_upper'
        ]
    ),
    ('training_readiness', 'training', ARRAY['training_readiness_score']),
    ('training_endurance', 'training', ARRAY['endurance_score']),
    (
        'training_status', 'training', ARRAY[
            'daily_training_load_acute', 'monthly_load_anaerobic', 'monthly_load_aerobic_high',
            'monthly_load_aerobic_low', 'vo2_max_precise_value'
        ]
    )
),

-- A day's activities: their types in start order, and distance, duration and zone seconds
-- summed.
activity_day AS (
    SELECT
        picked.calendar_date,
        jsonb_build_object(
            'activity_type', coalesce(
                jsonb_agg(
                    picked.row -> 'activity_type'
                    ORDER BY (picked.row ->> 'activity_start_time')::timestamptz
                ) FILTER (WHERE picked.row ->> 'activity_type' IS NOT NULL),
                '[]'
            ),
            'activity_distance',
            round(coalesce(sum((picked.row ->> 'activity_distance')::numeric), 0), 2),
            'activity_duration',
            round(coalesce(sum((picked.row ->> 'activity_duration')::numeric), 0), 2),
            'activity_secs_in_zone1',
            round(coalesce(sum((picked.row ->> 'activity_secs_in_zone1')::numeric), 0), 2),
            'activity_secs_in_zone2',
            round(coalesce(sum((picked.row ->> 'activity_secs_in_zone2')::numeric), 0), 2),
            'activity_secs_in_zone3',
            round(coalesce(sum((picked.row ->> 'activity_secs_in_zone3')::numeric), 0), 2),
            'activity_secs_in_zone4',
            round(coalesce(sum((picked.row ->> 'activity_secs_in_zone4')::numeric), 0), 2),
            'activity_secs_in_zone5',
            round(coalesce(sum((picked.row ->> 'activity_secs_in_zone5')::numeric), 0), 2)
        ) AS totals
    FROM picked
    WHERE picked.dataset = 'activity'
    GROUP BY picked.calendar_date
),

day_metric AS (
    SELECT
        picked.calendar_date,
        key_metric.category,
        field.key,
        field.value
    FROM picked
    INNER JOIN key_metric ON picked.dataset = key_metric.dataset
    CROSS JOIN LATERAL jsonb_each(picked.row) AS field
    WHERE field.key = any(key_metric.names) AND field.value != 'null'
    UNION ALL
    SELECT
        activity_day.calendar_date,
        'training' AS category,
        field.key,
        field.value
    FROM activity_day
    CROSS JOIN LATERAL jsonb_each(activity_day.totals) AS field
),

day_category AS (
    SELECT
        calendar_date,
        category,
        jsonb_object_agg(key, value) AS metrics
    FROM day_metric
    GROUP BY calendar_date, category
),

optimized AS (
    SELECT
        calendar_date,
        jsonb_build_object('date', calendar_date) || jsonb_object_agg(category, metrics) AS day
    FROM day_category
    GROUP BY calendar_date
)

SELECT
    (
        jsonb_build_object(
            'datasets',
            (SELECT coalesce(jsonb_object_agg(dataset, rows), '{}') FROM by_dataset)
        )
        || CASE
            WHEN %(include_optimized)s
                THEN jsonb_build_object(
                    'optimized',
                    (SELECT coalesce(jsonb_agg(day ORDER BY calendar_date), '[]') FROM optimized)
                )
            ELSE '{}'
        END
    )::text;
