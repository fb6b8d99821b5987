-- name: insert_user :one
-- Creates a user. Params: email, password_hash (bcrypt), username, display_name, role,
-- language (NULL -> 'en'), photo_url. Returns the public profile; a taken email or username
-- raises a unique violation. Index: users_email_lower_key and users_username_lower_key
-- (the uniqueness checks).
INSERT INTO aiapp.users (email, password_hash, username, display_name, role, language, photo_url)
VALUES (
    %(email)s, %(password_hash)s, %(username)s, %(display_name)s, %(role)s,
    coalesce(%(language)s, 'en'), %(photo_url)s
)
RETURNING
    customer_id, email, username, display_name, role, language, photo_url,
    created_at, updated_at;
