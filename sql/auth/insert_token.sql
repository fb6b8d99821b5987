-- name: insert_token :one
-- Issues a bearer token after a successful login and forgets the email's failed attempts.
-- Params: customer_id, token_hash (SHA-256 of the token), ttl_seconds, email.
-- Returns token_id and expires_at. Index: login_failures primary key.
WITH forgotten AS (
    DELETE FROM aiapp.login_failures
    WHERE bucket = 'email:' || lower(%(email)s)
)

INSERT INTO aiapp.auth_tokens (customer_id, token_hash, expires_at)
VALUES (%(customer_id)s, %(token_hash)s, now() + make_interval(secs => %(ttl_seconds)s))
RETURNING token_id, expires_at;
