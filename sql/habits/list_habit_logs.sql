-- name: list_habit_logs :scalar
-- The live logs of a habit the acting user can see (every member's, for a family habit),
-- newest day first, optionally between two days and for one member, as a JSON array.
-- Params: habit_id, customer_id, date_from, date_to, member_id (NULL = no bound / everyone),
-- max_rows.
-- Returns JSON text, or NULL when the caller cannot see the habit.
-- Index: habits primary key; habit_logs_habit_date_live_idx.
SELECT
    (
        SELECT
            coalesce(
                json_agg(
                    habit_log_json(l)
                    ORDER BY l.log_date DESC, l.customer_id ASC
                ),
                '[]'::json
            )
        FROM (
            SELECT hl.*
            FROM habit_logs AS hl
            WHERE
                hl.habit_id = h.habit_id
                AND hl.deleted_at IS NULL
                AND (%(date_from)s::date IS NULL OR hl.log_date >= %(date_from)s::date)
                AND (%(date_to)s::date IS NULL OR hl.log_date <= %(date_to)s::date)
                AND (%(member_id)s::bigint IS NULL OR hl.customer_id = %(member_id)s::bigint)
            ORDER BY hl.log_date DESC, hl.customer_id ASC
            LIMIT %(max_rows)s
        ) AS l
    )::text
FROM habits AS h
WHERE
    h.habit_id = %(habit_id)s
    AND h.deleted_at IS NULL
    AND owner_role(h.customer_id, h.family_id, %(customer_id)s) IS NOT NULL;
