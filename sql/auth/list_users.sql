-- name: list_users :scalar
-- Admin user list: users whose email or username (lowered) matches the LIKE `pattern` (a
-- prefix search: the lowered, escaped prefix and '%%'; NULL = everyone), optionally only one
-- role or disabled state, by customer_id.
-- Params: pattern, role, disabled (NULL = any), max_rows, skip_rows.
-- Returns a JSON array of the admin view of each user (aiapp.admin_user_json, migration 0024).
-- Index: users_email_prefix_idx and users_username_prefix_idx (search), else users primary key
-- (order).
SELECT
    coalesce(
        json_agg(aiapp.admin_user_json(page.u) ORDER BY (page.u).customer_id), '[]'
    )::text
FROM (
    SELECT u
    FROM aiapp.users AS u
    WHERE
        (
            %(pattern)s::text IS NULL
            OR lower(u.email) LIKE %(pattern)s
            OR lower(u.username) LIKE %(pattern)s
        )
        AND (%(role)s::text IS NULL OR u.role = %(role)s)
        AND (%(disabled)s::boolean IS NULL OR u.disabled = %(disabled)s)
    ORDER BY u.customer_id
    LIMIT %(max_rows)s OFFSET %(skip_rows)s
) AS page;
