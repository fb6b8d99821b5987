-- name: restore_habit_log :scalar
-- Brings back a log deleted less than restore_window_days ago, for the same people who may
-- delete it; its habit must be live.
-- Params: log_id, customer_id, restore_window_days.
-- Returns the log, or no row when there is nothing the caller may restore.
-- Index: habit_logs_log_id_idx (the caller may be a family admin, not the member), habits
-- primary key.
UPDATE habit_logs AS l
SET deleted_at = NULL
FROM habits AS h
WHERE
    l.log_id = %(log_id)s
    AND l.deleted_at > now() - make_interval(days => %(restore_window_days)s)
    AND h.habit_id = l.habit_id
    AND h.deleted_at IS NULL
    AND (
        owner_role(h.customer_id, h.family_id, %(customer_id)s) IN ('owner', 'admin')
        OR (
            l.customer_id = %(customer_id)s
            AND owner_role(h.customer_id, h.family_id, %(customer_id)s) IS NOT NULL
        )
    )
RETURNING (habit_log_json(l) || jsonb_build_object('deleted_at', l.deleted_at))::text;
