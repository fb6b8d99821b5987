-- name: select_family_today :scalar
-- A live family's day for a member of it: each accepted member with every active family
-- habit due that day (daily ones, and weekly ones on their weekdays), their log of it if any
-- and whether it is completed, and their counts; built as JSON.
-- Params: family_id, customer_id, on_date (NULL = today).
-- Returns JSON text, or NULL when the caller is not a member.
-- Index: family_memberships_family_customer_key, family_memberships_family_live_idx,
-- habits_family_live_idx, habit_logs_habit_date_live_idx.
WITH family AS (
    SELECT
        f.family_id,
        f.name,
        coalesce(%(on_date)s::date, current_date) AS day
    FROM families AS f
    WHERE
        f.family_id = %(family_id)s
        AND f.deleted_at IS NULL
        AND family_role(f.family_id, %(customer_id)s) IS NOT NULL
),

due AS (
    SELECT
        h.habit_id,
        h.name,
        h.habit_type,
        h.target_value,
        h.target_unit
    FROM habits AS h
    INNER JOIN family ON h.family_id = family.family_id
    WHERE
        h.deleted_at IS NULL
        AND h.active
        AND (h.frequency = 'daily' OR extract(ISODOW FROM family.day) = any(h.days_of_week))
)

SELECT
    json_build_object(
        'family_id', family.family_id,
        'name', family.name,
        'date', family.day,
        'members', (
            SELECT
                coalesce(
                    json_agg(
                        json_build_object(
                            'customer_id', m.customer_id,
                            'display_name', u.display_name,
                            'email', u.email,
                            'role', m.role,
                            'habits_due', progress.due,
                            'habits_completed', progress.completed,
                            'habits', progress.habits
                        )
                        ORDER BY m.accepted_at, m.customer_id
                    ),
                    '[]'::json
                )
            FROM family_memberships AS m
            INNER JOIN aiapp.users AS u ON m.customer_id = u.customer_id
            CROSS JOIN
                LATERAL (
                    SELECT
                        count(*)::integer AS due,
                        (count(*) FILTER (WHERE l.completed))::integer AS completed,
                        coalesce(
                            json_agg(
                                json_build_object(
                                    'habit_id', due.habit_id,
                                    'name', due.name,
                                    'habit_type', due.habit_type,
                                    'target_value', due.target_value,
                                    'target_unit', due.target_unit,
                                    'log_id', l.log_id,
                                    'value', l.value,
                                    'completed', coalesce(l.completed, FALSE),
                                    'note', l.note,
                                    'logged_by', l.logged_by
                                )
                                ORDER BY due.name, due.habit_id
                            ),
                            '[]'::json
                        ) AS habits
                    FROM due
                    LEFT JOIN habit_logs AS l
                        ON
                            due.habit_id = l.habit_id
                            AND m.customer_id = l.customer_id
                            AND l.log_date = family.day
                            AND l.deleted_at IS NULL
                ) AS progress
            WHERE
                m.family_id = family.family_id
                AND m.accepted_at IS NOT NULL
                AND m.deleted_at IS NULL
        )
    )::text
FROM family;
