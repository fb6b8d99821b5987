-- name: list_daily_readiness :scalar
-- The caller's readiness verdicts in an inclusive date window (open ends allowed), by day.
-- Params: customer_id, start_date, end_date. Returns JSON text {items, count};
-- calendar_date is also readiness_date (seed 002).
-- Index: daily_readiness_pkey (customer_id, calendar_date).
SELECT
    json_build_object(
        'items', coalesce(json_agg(
            readiness_json(r)
            ORDER BY r.calendar_date
        ), '[]'),
        'count', count(*)
    )::text
FROM daily_readiness AS r
WHERE
    r.customer_id = %(customer_id)s
    AND (%(start_date)s::date IS NULL OR r.calendar_date >= %(start_date)s::date)
    AND (%(end_date)s::date IS NULL OR r.calendar_date <= %(end_date)s::date);
