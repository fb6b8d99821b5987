-- name: list_activities_range :scalar
-- The caller's activities in an inclusive date window, optionally of one type, by start.
-- Params: customer_id, start_date, end_date, activity_type. Returns JSON text {items, count}
-- (each activity as activities_json writes it, migration 0022, without the raw data).
-- Index: activities_customer_type_date_idx with a type, activities_customer_date_idx without.
SELECT
    json_build_object(
        'items', coalesce(
            json_agg(
                activities_json(a) - 'raw_activity_data'
                ORDER BY a.calendar_date, a.activity_start_time, a.activity_id
            ),
            '[]'
        ),
        'count', count(*)
    )::text
FROM activities AS a
WHERE
    a.customer_id = %(customer_id)s
    AND a.calendar_date BETWEEN %(start_date)s::date AND %(end_date)s::date
    AND (%(activity_type)s::text IS NULL OR a.activity_type = %(activity_type)s::text);
