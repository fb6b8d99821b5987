-- name: select_account_by_email :one
-- A user's profile by email (any letter case) under the original UFC keys: the caller's own,
-- or anyone's for an admin. Params: email, customer_id (the caller), is_admin.
-- Returns email and the profile as JSON text, or no row (unknown email, or another user's for
-- a non-admin). Index: users_email_lower_key.
SELECT
    u.email,
    json_build_object(
        'id', u.customer_id,
        'customer_id', u.customer_id,
        'accountName', coalesce(u.display_name, u.username, u.email),
        'email', u.email,
        'lang', u.language,
        'photo', u.photo_url,
        'role', u.role,
        'createdAt', u.created_at
    )::text AS profile
FROM aiapp.users AS u
WHERE
    lower(u.email) = lower(%(email)s)
    AND (%(is_admin)s OR u.customer_id = %(customer_id)s);
