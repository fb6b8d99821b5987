-- name: update_password :none
-- Sets a new password hash and revokes every other live token of the user, so a changed
-- password logs out other devices. Params: customer_id, password_hash, keep_token_id.
-- Returns rows updated (1). Index: users primary key; auth_tokens primary key
-- (customer_id, token_id).
WITH revoked AS (
    UPDATE aiapp.auth_tokens
    SET revoked_at = now()
    WHERE
        customer_id = %(customer_id)s
        AND revoked_at IS NULL
        AND token_id <> %(keep_token_id)s
)

UPDATE aiapp.users
SET password_hash = %(password_hash)s
WHERE customer_id = %(customer_id)s;
