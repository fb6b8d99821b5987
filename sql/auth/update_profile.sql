-- name: update_profile :one
-- Changes the profile fields that were sent; a field not sent keeps its value, photo_url may
-- be cleared with null, and so may sex (whose reference ranges flag the user's blood tests).
-- Params: customer_id, display_name, language, photo_url, sex, and the set_display_name /
-- set_language / set_photo_url / set_sex flags saying which were sent;
-- notification_enabled (NULL = keep). Returns the profile (display_name also as
-- full_name). Index: users primary key.
UPDATE aiapp.users
SET
    display_name = CASE WHEN %(set_display_name)s THEN %(display_name)s ELSE display_name END,
    language = CASE WHEN %(set_language)s THEN %(language)s ELSE language END,
    photo_url = CASE WHEN %(set_photo_url)s THEN %(photo_url)s ELSE photo_url END,
    sex = CASE WHEN %(set_sex)s THEN %(sex)s ELSE sex END,
    notification_enabled = coalesce(%(notification_enabled)s, notification_enabled)
WHERE customer_id = %(customer_id)s
RETURNING
    customer_id, email, username, display_name, role, language, photo_url, sex,
    created_at, updated_at, notification_enabled, display_name AS full_name;
