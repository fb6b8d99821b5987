-- name: select_token_user :one
-- Resolves a bearer token to its user, and the user the request acts for: the token's own, or
-- the one named by customer_id (the caller decides whether the token may act for them).
-- Marks the token used, at most once a minute. The lookup is aiapp.resolve_token() (migration
-- 0019), which runs as the tables' owner: it must find a token before row-level security knows
-- whom the request acts for, and it travels in the pipeline of a statement whose
-- app.customer_id is the acted-for user's, not always the token's.
-- Params: token_hash, customer_id (NULL = the token's user).
-- Returns no row for an unknown, revoked or expired token or a disabled user; else the token's
-- id, user and role, and the acting user's customer_id, NULL when customer_id names no user.
-- Index: auth_tokens_token_hash_idx, auth_tokens_pkey, users_pkey (inside the function).
SELECT
    token_id,
    token_customer_id,
    token_role,
    customer_id
FROM aiapp.resolve_token(%(token_hash)s, %(customer_id)s::bigint);
