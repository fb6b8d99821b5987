-- name: list_admin_audit :scalar
-- The administrative actions, newest first, optionally on one user only, keyset-paginated.
-- Params: target_customer_id (NULL = all), before (audit_id cursor, NULL = newest),
-- max_rows.
-- Returns a JSON array of audit entries. Index: admin_audit_target_idx (one user), else
-- admin_audit primary key.
SELECT
    coalesce(
        json_agg(
            json_build_object(
                'audit_id', page.audit_id,
                'actor_customer_id', page.actor_customer_id,
                'via', page.via,
                'target_customer_id', page.target_customer_id,
                'action', page.action,
                'detail', page.detail,
                'request_id', page.request_id,
                'recorded_at', page.recorded_at
            )
            ORDER BY page.audit_id DESC
        ),
        '[]'
    )::text
FROM (
    SELECT
        a.audit_id,
        a.actor_customer_id,
        a.via,
        a.target_customer_id,
        a.action,
        a.detail,
        a.request_id,
        a.recorded_at
    FROM aiapp.admin_audit AS a
    WHERE
        (%(target_customer_id)s::bigint IS NULL OR a.target_customer_id = %(target_customer_id)s)
        AND (%(before)s::bigint IS NULL OR a.audit_id < %(before)s)
    ORDER BY a.audit_id DESC
    LIMIT %(max_rows)s
) AS page;
