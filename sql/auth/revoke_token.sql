-- name: revoke_token :none
-- Revokes one token (logout). Params: customer_id (the token's owner), token_id.
-- Returns rows revoked (0 or 1). Index: auth_tokens primary key (customer_id, token_id).
UPDATE aiapp.auth_tokens
SET revoked_at = now()
WHERE customer_id = %(customer_id)s AND token_id = %(token_id)s AND revoked_at IS NULL;
