-- name: list_admin_audit :many
-- The administrative actions, newest first, optionally on one user only, keyset-paginated.
-- Params: target_customer_id (NULL = all), before (audit_id cursor, NULL = newest),
-- max_rows.
-- Returns audit rows. Index: admin_audit_target_idx (one user), else admin_audit primary key.
SELECT
    audit_id,
    actor_customer_id,
    via,
    target_customer_id,
    action,
    detail,
    request_id,
    recorded_at
FROM aiapp.admin_audit
WHERE
    (%(target_customer_id)s::bigint IS NULL OR target_customer_id = %(target_customer_id)s)
    AND (%(before)s::bigint IS NULL OR audit_id < %(before)s)
ORDER BY audit_id DESC
LIMIT %(max_rows)s;
