-- name: upsert_habit_log :scalar
-- Logs a habit for a day: creates the (habit, member, day) log, or replaces its value and
-- note (reviving it when it was deleted). The member is the acting user, or member_id: another
-- accepted member of the habit's family, which only the family's owners and admins may log
-- for (a parent for a child). logged_by records who wrote it. The habit's current target is
-- kept with the log and the generated column completed compares the value with it.
-- Params: habit_id, customer_id, member_id (NULL = the acting user), log_date, value, note.
-- Returns the log, or no row when the habit is not visible or the member not allowed.
-- Index: habits primary key; family_memberships_family_customer_key;
-- habit_logs_habit_customer_date_key (the conflict target).
WITH habit AS (
    SELECT
        h.habit_id,
        h.family_id,
        h.target_value,
        owner_role(h.customer_id, h.family_id, %(customer_id)s) AS role
    FROM habits AS h
    WHERE h.habit_id = %(habit_id)s AND h.deleted_at IS NULL
),

member AS (
    SELECT coalesce(%(member_id)s::bigint, %(customer_id)s::bigint) AS customer_id
)

INSERT INTO habit_logs AS l (
    habit_id, customer_id, logged_by, log_date, value, target_value, note
)
SELECT
    habit.habit_id,
    member.customer_id,
    %(customer_id)s AS logged_by,
    %(log_date)s,
    %(value)s,
    habit.target_value,
    %(note)s
FROM habit CROSS JOIN member
WHERE
    habit.role IS NOT NULL
    AND (
        member.customer_id = %(customer_id)s
        OR (
            habit.role IN ('owner', 'admin')
            AND family_role(habit.family_id, member.customer_id) IS NOT NULL
        )
    )
ON CONFLICT (habit_id, customer_id, log_date) DO UPDATE
    SET
        value = excluded.value,
        target_value = excluded.target_value,
        note = excluded.note,
        logged_by = excluded.logged_by,
        deleted_at = NULL
RETURNING habit_log_json(l)::text;
