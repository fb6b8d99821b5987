-- name: select_password_check :one
-- What checking a signed-in user's password needs in one round trip (password change,
-- erasure): the stored hash and, when too many recent failures block the user's email or
-- the client address (the login limits), how many seconds remain.
-- Params: customer_id, address, window_seconds, max_per_email, max_per_address.
-- Returns email, password_hash and retry_after (NULL when not blocked).
-- Index: users primary key; login_failures primary key.
SELECT
    u.email,
    u.password_hash,
    (
        SELECT
            ceil(extract(EPOCH FROM max(f.window_started_at) + make_interval(
                secs => %(window_seconds)s
            ) - now()))::integer
        FROM aiapp.login_failures AS f
        WHERE
            f.window_started_at > now() - make_interval(secs => %(window_seconds)s)
            AND (
                (f.bucket = 'email:' || lower(u.email) AND f.failures >= %(max_per_email)s)
                OR (
                    f.bucket = 'address:' || %(address)s AND f.failures >= %(max_per_address)s
                )
            )
    ) AS retry_after
FROM aiapp.users AS u
WHERE u.customer_id = %(customer_id)s;
