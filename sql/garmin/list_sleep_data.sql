-- name: list_sleep_data :scalar
-- One user's nights of sleep in a date window, sorted and paged, as JSON built by PostgreSQL.
-- Garmin files a night under the morning it ends ("next-day"); mode 'correlation' shifts
-- the rows back one day, to the day they describe: the window is moved forward a day and
-- each row's calendar_date is reported one day earlier.
-- Params: customer_id; start_date, end_date (inclusive, NULL = open); mode ('standard' |
-- 'correlation'); descending; row_limit (NULL = all); row_offset.
-- Returns JSON text {items: [rows], count}.
-- Index: sleep_data_pkey (customer_id, calendar_date), a range scan over the window.
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
        t.calendar_date - shift.days AS calendar_date,
        to_jsonb(t) || jsonb_build_object('calendar_date', t.calendar_date - shift.days) AS row
    FROM sleep_data AS t
    CROSS JOIN (SELECT CASE WHEN %(mode)s = 'correlation' THEN 1 ELSE 0 END AS days) AS shift
    WHERE
        t.customer_id = %(customer_id)s
        AND t.calendar_date >= coalesce(%(start_date)s::date, '-infinity') + shift.days
        AND t.calendar_date <= coalesce(%(end_date)s::date, 'infinity') + shift.days
    ORDER BY CASE WHEN %(descending)s THEN t.calendar_date END DESC, t.calendar_date
    LIMIT %(row_limit)s OFFSET %(row_offset)s
) AS page;
