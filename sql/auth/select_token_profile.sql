-- name: select_token_profile :one
-- select_token_user for GET /api/v1/auth/me, the one route answering with the acting user's
-- profile: the same check through aiapp.resolve_token_profile() (migration 0024), which adds
-- the profile aiapp.profile_json builds, so the answer costs no statement of its own.
-- Params: token_hash, customer_id (NULL = the token's user).
-- Returns what select_token_user returns and profile (JSON text), NULL when customer_id names
-- no user.
-- Index: auth_tokens_token_hash_idx, auth_tokens_pkey, users_pkey (inside the function).
SELECT
    token_id,
    token_customer_id,
    token_role,
    customer_id,
    profile::text AS profile
FROM aiapp.resolve_token_profile(%(token_hash)s, %(customer_id)s::bigint);
