-- name: list_training_load :scalar
-- The caller's training_load_tracking rows in an inclusive date window, by day.
-- Params: customer_id, start_date, end_date. Returns JSON text {items, count}; calendar_date is
-- also tracking_date (seed 002).
-- Index: training_load_tracking_pkey.
SELECT
    json_build_object(
        'items', coalesce(json_agg(
            training_load_json(t)
            ORDER BY t.calendar_date
        ), '[]'),
        'count', count(*)
    )::text
FROM training_load_tracking AS t
WHERE
    t.customer_id = %(customer_id)s
    AND t.calendar_date BETWEEN %(start_date)s::date AND %(end_date)s::date;
