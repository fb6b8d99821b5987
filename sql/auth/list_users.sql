-- name: list_users :many
-- Admin user list: users whose email or username (lowered) matches the LIKE `pattern` (a
-- prefix search: the lowered, escaped prefix and '%%'; NULL = everyone), optionally only one
-- role or disabled state, by customer_id.
-- Params: pattern, role, disabled (NULL = any), max_rows, skip_rows.
-- Returns the admin view of each user. Index: users_email_prefix_idx and
-- users_username_prefix_idx (search), else users primary key (order).
SELECT
    customer_id,
    email,
    username,
    display_name,
    role,
    disabled,
    password_reset_expires_at IS NOT NULL AS password_reset_pending,
    created_at,
    updated_at
FROM aiapp.users
WHERE
    (
        %(pattern)s::text IS NULL
        OR lower(email) LIKE %(pattern)s
        OR lower(username) LIKE %(pattern)s
    )
    AND (%(role)s::text IS NULL OR role = %(role)s)
    AND (%(disabled)s::boolean IS NULL OR disabled = %(disabled)s)
ORDER BY customer_id
LIMIT %(max_rows)s OFFSET %(skip_rows)s;
