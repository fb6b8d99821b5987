-- name: list_daily_metrics :scalar
-- The daily_metrics view for the caller in an inclusive date window (one day: start = end).
-- Params: customer_id, start_date, end_date. Returns JSON text {items, count}; calendar_date is
-- also seed 002's date.
-- Index: the primary keys (customer_id, calendar_date) of the view's six tables.
SELECT
    json_build_object(
        'items', coalesce(json_agg(
            daily_metrics_json(m) ORDER BY m.calendar_date
        ), '[]'),
        'count', count(*)
    )::text
FROM daily_metrics AS m
WHERE
    m.customer_id = %(customer_id)s
    AND m.calendar_date BETWEEN %(start_date)s::date AND %(end_date)s::date;
