-- name: list_activity_gps :scalar
-- The GPS track of one of the user's activities, when it falls in the date window, with the
-- activity's name (the original's row shape), as JSON built by PostgreSQL.
-- Params: customer_id; activity_id; start_date, end_date (inclusive, NULL = open).
-- Returns JSON text {items: [at most one row], count}.
-- Index: activity_gps_pkey (customer_id, activity_id); activities_pkey for the name.
SELECT
    json_build_object(
        'items', coalesce(json_agg(page), '[]'),
        'count', count(*)
    )::text
FROM (
    SELECT
        g.activity_id,
        g.customer_id,
        g.calendar_date,
        a.activity_name,
        g.gps_data,
        g.created_at,
        g.updated_at
    FROM activity_gps AS g
    INNER JOIN activities AS a
        ON g.customer_id = a.customer_id AND g.activity_id = a.activity_id
    WHERE
        g.customer_id = %(customer_id)s
        AND g.activity_id = %(activity_id)s
        AND g.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND g.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
) AS page;
