-- name: insert_token :one
-- Issues a bearer token after a successful login and forgets the email's failed attempts.
-- Params: customer_id, token_hash (SHA-256 of the token), ttl_seconds, email.
-- Returns the login's answer as JSON text without the token itself, which never reaches the
-- database ({token_type, expires_at, user}: the account of aiapp.account_json, migration
-- 0024), and ids: the user's customer_id, username and email, which the original chat client
-- reads at the top level of its login answer.
-- Index: login_failures primary key; users primary key.
WITH forgotten AS (
    DELETE FROM aiapp.login_failures
    WHERE bucket = 'email:' || lower(%(email)s)
),

issued AS (
    INSERT INTO aiapp.auth_tokens (customer_id, token_hash, expires_at)
    VALUES (%(customer_id)s, %(token_hash)s, now() + make_interval(secs => %(ttl_seconds)s))
    RETURNING customer_id, expires_at
)

SELECT
    json_build_object(
        'token_type', 'Bearer',
        'expires_at', i.expires_at,
        'user', aiapp.account_json(u)
    )::text AS answer,
    json_build_object(
        'customer_id', u.customer_id,
        'username', u.username,
        'email', u.email
    )::text AS ids
FROM issued AS i
INNER JOIN aiapp.users AS u ON i.customer_id = u.customer_id;
