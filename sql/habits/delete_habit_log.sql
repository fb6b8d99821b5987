-- name: delete_habit_log :scalar
-- Soft-deletes a log of a live habit. The member whose log it is may, and so may the habit's
-- owner or the owning family's owners and admins. Params: log_id, customer_id.
-- Returns the log with deleted_at, or no row when missing or not allowed.
-- Index: habit_logs_log_id_idx (the caller may be a family admin, not the member), habits
-- primary key.
UPDATE habit_logs AS l
SET deleted_at = now()
FROM habits AS h
WHERE
    l.log_id = %(log_id)s
    AND l.deleted_at IS NULL
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
