-- name: list_daily_dataset :scalar
-- One user's rows of one daily dataset in a date window, sorted and paged, as JSON built by
-- PostgreSQL. The eight datasets that have one row a day and no filter of their own share this
-- statement; their tables differ, the window, sort and paging do not.
-- Why one statement over a UNION ALL rather than a file per table or dynamic SQL: each branch
-- stays plain SQL a DBA reads and EXPLAINs, and the planner keeps an index per branch. The
-- dataset filter and the window are pushed into every branch; the branch whose literal is not
-- %(dataset)s fails its one-time filter and is never scanned, the one that is does a range scan
-- of its primary key (customer_id, calendar_date). Columns come from each table's <table>_json
-- function (migration 0022), never from the whole row.
-- Garmin files sleep and HRV under the morning the night ends ("next-day"); mode 'correlation'
-- shifts those two back one day, to the day they describe: the window moves forward a day and
-- each row's calendar_date is reported one day earlier. Other datasets ignore mode.
-- Params: customer_id; dataset (the table: user_summary, body_composition, sleep_data,
-- hrv_data, training_readiness, endurance_score, fitness_age, daily_health_events);
-- start_date, end_date (inclusive, NULL = open); mode ('standard' | 'correlation');
-- descending; row_limit (NULL = all); row_offset.
-- Returns JSON text {items: [rows], count}.
-- Index: <dataset>_pkey (customer_id, calendar_date), a range scan over the window.
SELECT
    json_build_object(
        'items', coalesce(
            json_agg(
                page.row
                ORDER BY
                    CASE WHEN %(descending)s THEN page.calendar_date END DESC,
                    page.calendar_date
            ),
            '[]'
        ),
        'count', count(*)
    )::text
FROM (
    SELECT
        d.calendar_date - shift.days AS calendar_date,
        d.row || jsonb_build_object('calendar_date', d.calendar_date - shift.days) AS row
    FROM (
        SELECT
            'user_summary' AS dataset,
            t.customer_id,
            t.calendar_date,
            user_summary_json(t) AS row
        FROM user_summary AS t
        UNION ALL
        SELECT
            'body_composition' AS dataset,
            t.customer_id,
            t.calendar_date,
            body_composition_json(t) AS row
        FROM body_composition AS t
        UNION ALL
        SELECT
            'sleep_data' AS dataset,
            t.customer_id,
            t.calendar_date,
            sleep_data_json(t) AS row
        FROM sleep_data AS t
        UNION ALL
        SELECT
            'hrv_data' AS dataset,
            t.customer_id,
            t.calendar_date,
            hrv_data_json(t) AS row
        FROM hrv_data AS t
        UNION ALL
        SELECT
            'training_readiness' AS dataset,
            t.customer_id,
            t.calendar_date,
            training_readiness_json(t) AS row
        FROM training_readiness AS t
        UNION ALL
        SELECT
            'endurance_score' AS dataset,
            t.customer_id,
            t.calendar_date,
            endurance_score_json(t) AS row
        FROM endurance_score AS t
        UNION ALL
        SELECT
            'fitness_age' AS dataset,
            t.customer_id,
            t.calendar_date,
            fitness_age_json(t) AS row
        FROM fitness_age AS t
        UNION ALL
        SELECT
            'daily_health_events' AS dataset,
            t.customer_id,
            t.calendar_date,
            daily_health_events_json(t) AS row
        FROM daily_health_events AS t
    ) AS d
    CROSS JOIN (
        SELECT
            CASE
                WHEN %(mode)s = 'correlation' AND %(dataset)s IN ('sleep_data', 'hrv_data')
                    THEN 1
                ELSE 0
            END AS days
    ) AS shift
    WHERE
        d.dataset = %(dataset)s
        AND d.customer_id = %(customer_id)s
        AND d.calendar_date >= coalesce(%(start_date)s::date, '-infinity') + shift.days
        AND d.calendar_date <= coalesce(%(end_date)s::date, 'infinity') + shift.days
    ORDER BY CASE WHEN %(descending)s THEN d.calendar_date END DESC, d.calendar_date
    LIMIT %(row_limit)s OFFSET %(row_offset)s
) AS page;
