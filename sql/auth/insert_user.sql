-- name: insert_user :one
-- Creates a user. Params: email, password_hash (bcrypt), username, display_name, role,
-- language (NULL -> 'en'), photo_url, notification_enabled (NULL -> true). Returns
-- customer_id, email and role, the account as JSON text (aiapp.account_json, migration 0024)
-- and the original UFC client's answer to a registration (user_id and accountName are its
-- names); a taken email or username raises a unique violation.
-- Index: users_email_lower_key and users_username_lower_key (the uniqueness checks).
INSERT INTO aiapp.users AS u (
    email, password_hash, username, display_name, role, language, photo_url, notification_enabled
)
VALUES (
    %(email)s, %(password_hash)s, %(username)s, %(display_name)s, %(role)s,
    coalesce(%(language)s, 'en'), %(photo_url)s, coalesce(%(notification_enabled)s, TRUE)
)
RETURNING
    u.customer_id,
    u.email,
    u.role,
    aiapp.account_json(u)::text AS account,
    json_build_object(
        'status', 'registered',
        'user_id', u.customer_id,
        'customer_id', u.customer_id,
        'email', u.email,
        'accountName', coalesce(u.display_name, u.email)
    )::text AS ufc_registration;
