-- name: list_max_metrics :scalar
-- One user's VO2 max estimates in a date window, sorted and paged, as JSON built by
-- PostgreSQL. With target_date, only the latest estimate on or before that day (Garmin dates
-- an estimate when it changes, so this is the value in force on target_date).
-- Params: customer_id; start_date, end_date (inclusive, NULL = open); target_date (NULL =
-- none); descending; row_limit (NULL = all); row_offset.
-- Returns JSON text {items: [rows], count}; each row is max_metrics_json (migration 0022).
-- Index: max_metrics_pkey (customer_id, calendar_date), a range scan over the window.
SELECT
    json_build_object(
        'items', coalesce(
            json_agg(
                page.row
                ORDER BY
                    CASE
                        WHEN %(descending)s OR %(target_date)s::date IS NOT NULL
                            THEN page.calendar_date
                    END DESC,
                    page.calendar_date
            ),
            '[]'
        ),
        'count', count(*)
    )::text
FROM (
    SELECT
        t.calendar_date,
        max_metrics_json(t) AS row
    FROM max_metrics AS t
    WHERE
        t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity')
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity')
        AND t.calendar_date <= coalesce(%(target_date)s::date, 'infinity')
    ORDER BY
        CASE
            WHEN %(descending)s OR %(target_date)s::date IS NOT NULL THEN t.calendar_date
        END DESC,
        t.calendar_date
    LIMIT
        CASE WHEN %(target_date)s::date IS NULL THEN %(row_limit)s::bigint ELSE 1 END
        OFFSET %(row_offset)s
) AS page;
