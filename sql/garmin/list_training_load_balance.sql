-- name: list_training_load_balance :scalar
-- One user's monthly training load balance (aerobic low/high and anaerobic load against their
-- targets) in a date window: the training_status days that carry any of it, sorted and paged,
-- as JSON built by PostgreSQL.
-- Params: customer_id; start_date, end_date (inclusive, NULL = open); descending; row_limit
-- (NULL = all); row_offset.
-- Returns JSON text {items: [rows], count}.
-- Index: training_status_pkey (customer_id, calendar_date), a range scan over the window.
SELECT
    json_build_object(
        'items', coalesce(
            json_agg(
                page
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
        t.customer_id,
        t.calendar_date,
        t.monthly_load_anaerobic,
        t.monthly_load_aerobic_high,
        t.monthly_load_aerobic_low,
        t.monthly_load_aerobic_low_target_min,
        t.monthly_load_aerobic_low_target_max,
        t.monthly_load_aerobic_high_target_min,
        t.monthly_load_aerobic_high_target_max,
        t.monthly_load_anaerobic_target_min,
        t.monthly_load_anaerobic_target_max,
        t.training_balance_feedback_phrase,
        t.updated_at
    FROM training_status AS t
    WHERE
        t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
        AND (
            t.monthly_load_anaerobic IS NOT NULL
            OR t.monthly_load_aerobic_high IS NOT NULL
            OR t.monthly_load_aerobic_low IS NOT NULL
        )
    ORDER BY CASE WHEN %(descending)s THEN t.calendar_date END DESC, t.calendar_date
    LIMIT %(row_limit)s OFFSET %(row_offset)s
) AS page;
