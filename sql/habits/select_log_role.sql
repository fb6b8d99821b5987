-- name: select_log_role :scalar
-- The acting user's role over the habit of a live log (see select_habit_role), NULL when they
-- cannot see it: tells a refused change's 403 from its 404.
-- Params: log_id, customer_id. Returns text or NULL.
-- Index: habit_logs_log_id_idx (the caller may be a family admin, not the member), habits
-- primary key.
SELECT owner_role(h.customer_id, h.family_id, %(customer_id)s)
FROM habit_logs AS l
INNER JOIN habits AS h ON l.habit_id = h.habit_id
WHERE
    l.log_id = %(log_id)s
    AND l.deleted_at IS NULL
    AND h.deleted_at IS NULL;
