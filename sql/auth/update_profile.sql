-- name: update_profile :scalar
-- Changes the profile fields the patch names (absent keeps, null clears: display_name,
-- photo_url and sex may be cleared; the schema refuses null for language and
-- notification_enabled). sex picks the reference ranges that flag the user's blood tests.
-- Params: customer_id, patch (jsonb). Returns the profile as JSON text (aiapp.profile_json,
-- migration 0024).
-- Index: users primary key.
UPDATE aiapp.users AS u
SET
    display_name = CASE
        WHEN %(patch)s::jsonb ? 'display_name' THEN p.display_name ELSE u.display_name
    END,
    language = CASE WHEN %(patch)s::jsonb ? 'language' THEN p.language ELSE u.language END,
    photo_url = CASE WHEN %(patch)s::jsonb ? 'photo_url' THEN p.photo_url ELSE u.photo_url END,
    sex = CASE WHEN %(patch)s::jsonb ? 'sex' THEN p.sex ELSE u.sex END,
    notification_enabled = CASE
        WHEN %(patch)s::jsonb ? 'notification_enabled'
            THEN p.notification_enabled
        ELSE u.notification_enabled
    END
FROM jsonb_populate_record(NULL::aiapp.users, %(patch)s::jsonb) AS p
WHERE u.customer_id = %(customer_id)s
RETURNING aiapp.profile_json(u)::text;
