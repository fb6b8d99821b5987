-- name: revoke_token :none
-- Revokes one token (logout). Params: token_id. Returns rows revoked (0 or 1).
-- Index: auth_tokens primary key.
UPDATE aiapp.auth_tokens
SET revoked_at = now()
WHERE token_id = %(token_id)s AND revoked_at IS NULL;
