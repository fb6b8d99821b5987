-- name: select_account_by_email :one
-- A user's profile by email (any letter case) under the original UFC keys: the caller's own,
-- or anyone's for an admin. Params: email, customer_id (the caller), is_admin.
-- Returns the profile, or no row (unknown email, or another user's for a non-admin).
-- Index: users_email_lower_key.
SELECT
    u.customer_id AS id,
    u.customer_id,
    coalesce(u.display_name, u.username, u.email) AS "accountName",
    u.email,
    u.language AS lang,
    u.photo_url AS photo,
    u.role,
    u.created_at AS "createdAt"
FROM aiapp.users AS u
WHERE
    lower(u.email) = lower(%(email)s)
    AND (%(is_admin)s OR u.customer_id = %(customer_id)s);
