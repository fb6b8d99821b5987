-- name: list_training_readiness :scalar
-- One user's readiness assessments in a date window, sorted and paged, as JSON built by PostgreSQL.
-- Params: customer_id; start_date, end_date (inclusive, NULL = open);
-- descending; row_limit (NULL = all); row_offset.
-- Returns JSON text {items: [rows], count}.
-- Index: training_readiness_pkey (customer_id, calendar_date), a range scan over the window.
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
    SELECT t.*
    FROM training_readiness AS t
    WHERE
        t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
    ORDER BY CASE WHEN %(descending)s THEN t.calendar_date END DESC, t.calendar_date
    LIMIT %(row_limit)s OFFSET %(row_offset)s
) AS page;
