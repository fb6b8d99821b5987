-- name: list_training_status :scalar
-- One user's training status days in a date window, sorted and paged, as JSON built by PostgreSQL.
-- ignore_null_vo2max / ignore_null_training_load_data drop days without a VO2 max /
-- without monthly load data (the original's filters).
-- Params: customer_id; start_date, end_date (inclusive, NULL = open);
-- descending; row_limit (NULL = all); row_offset;
-- ignore_null_vo2max, ignore_null_training_load_data.
-- Returns JSON text {items: [rows], count}; each row is training_status_json (migration 0022).
-- Index: training_status_pkey (customer_id, calendar_date), a range scan over the window.
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
        t.calendar_date,
        training_status_json(t) AS row
    FROM training_status AS t
    WHERE
        t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
        AND (NOT %(ignore_null_vo2max)s OR t.vo2_max_precise_value IS NOT NULL)
        AND (
            NOT %(ignore_null_training_load_data)s
            OR t.monthly_load_anaerobic IS NOT NULL
        )
    ORDER BY CASE WHEN %(descending)s THEN t.calendar_date END DESC, t.calendar_date
    LIMIT %(row_limit)s OFFSET %(row_offset)s
) AS page;
