-- name: insert_user :one
-- Creates a user. Params: email, password_hash (bcrypt), username, display_name, role,
-- language (NULL -> 'en'), photo_url, notification_enabled (NULL -> true). Returns the public
-- profile (display_name also as seed 003's full_name); a taken email or username
-- raises a unique violation. Index: users_email_lower_key and users_username_lower_key
-- (the uniqueness checks).
INSERT INTO aiapp.users (
    email, password_hash, username, display_name, role, language, photo_url, notification_enabled
)
VALUES (
    %(email)s, %(password_hash)s, %(username)s, %(display_name)s, %(role)s,
    coalesce(%(language)s, 'en'), %(photo_url)s, coalesce(%(notification_enabled)s, TRUE)
)
RETURNING
    customer_id, email, username, display_name, role, language, photo_url,
    created_at, updated_at, notification_enabled, display_name AS full_name;
