-- name: select_token_user :one
-- Resolves a bearer token to its user, and the user the request acts for: the token's own, or
-- the one named by customer_id (the caller decides whether the token may act for them).
-- Marks the token used, at most once a minute, in the same statement.
-- Params: token_hash, customer_id (NULL = the token's user).
-- Returns no row for an unknown, revoked or expired token or a disabled user; acting columns
-- are NULL when customer_id names no user; display_name is also seed 003's full_name.
-- Index: auth_tokens_token_hash_idx (the token: its owner is not known before it is found),
-- auth_tokens primary key (the touch), users pkey.
WITH token AS (
    SELECT
        t.token_id,
        t.customer_id,
        t.last_used_at,
        u.role
    FROM aiapp.auth_tokens AS t
    INNER JOIN aiapp.users AS u ON t.customer_id = u.customer_id
    WHERE
        t.token_hash = %(token_hash)s
        AND t.revoked_at IS NULL
        AND t.expires_at > now()
        AND NOT u.disabled
),

touched AS (
    UPDATE aiapp.auth_tokens AS t
    SET last_used_at = now()
    FROM token
    WHERE
        t.customer_id = token.customer_id
        AND t.token_id = token.token_id
        AND (token.last_used_at IS NULL OR token.last_used_at < now() - interval '1 minute')
)

SELECT
    token.token_id,
    token.customer_id AS token_customer_id,
    token.role AS token_role,
    acting.customer_id,
    acting.email,
    acting.username,
    acting.display_name,
    acting.role,
    acting.language,
    acting.photo_url,
    acting.sex,
    acting.created_at,
    acting.updated_at,
    acting.notification_enabled,
    acting.display_name AS full_name
FROM token
LEFT JOIN aiapp.users AS acting
    ON acting.customer_id = coalesce(%(customer_id)s::bigint, token.customer_id);
