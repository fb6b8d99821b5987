-- name: list_activities :scalar
-- One user's activities in a date window (or the one activity_id), sorted by day and start
-- time, paged, as JSON built by PostgreSQL. GPS tracks are not included (see select_activity).
-- Params: customer_id; start_date, end_date (inclusive, NULL = open); activity_id (NULL =
-- any); descending; row_limit (NULL = all); row_offset.
-- Returns JSON text {items: [rows], count}; each row is activities_json (migration 0022).
-- Index: activities_customer_date_idx (customer_id, calendar_date), a range scan over the
-- window; activities_pkey when activity_id is given.
SELECT
    json_build_object(
        'items', coalesce(
            json_agg(
                page.row
                ORDER BY
                    CASE WHEN %(descending)s THEN page.calendar_date END DESC,
                    CASE WHEN %(descending)s THEN page.activity_start_time END DESC,
                    CASE WHEN %(descending)s THEN page.activity_id END DESC,
                    page.calendar_date, page.activity_start_time ASC, page.activity_id ASC
            ),
            '[]'
        ),
        'count', count(*)
    )::text
FROM (
    SELECT
        t.calendar_date,
        t.activity_start_time,
        t.activity_id,
        activities_json(t) AS row
    FROM activities AS t
    WHERE
        t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
        AND (%(activity_id)s::bigint IS NULL OR t.activity_id = %(activity_id)s::bigint)
    ORDER BY
        CASE WHEN %(descending)s THEN t.calendar_date END DESC,
        CASE WHEN %(descending)s THEN t.activity_start_time END DESC,
        CASE WHEN %(descending)s THEN t.activity_id END DESC,
        t.calendar_date, t.activity_start_time ASC, t.activity_id ASC
    LIMIT %(row_limit)s OFFSET %(row_offset)s
) AS page;
