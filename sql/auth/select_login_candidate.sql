-- name: select_login_candidate :one
-- Everything a login needs in one round trip: the account with this email (any case, may be
-- absent) and, when too many recent failures block this email or client address, how many
-- seconds remain until they may try again.
-- Params: email, address, window_seconds, max_per_email, max_per_address.
-- Returns one row; customer_id is NULL for an unknown email, retry_after NULL when not blocked;
-- password_reset_pending when an admin forced a reset that was not completed yet.
-- Index: users_email_lower_key; login_failures primary key.
SELECT
    u.customer_id,
    u.email,
    u.username,
    u.display_name,
    u.role,
    u.language,
    u.photo_url,
    u.created_at,
    u.updated_at,
    u.notification_enabled,
    u.display_name AS full_name,
    u.password_hash,
    u.disabled,
    u.password_reset_expires_at IS NOT NULL AS password_reset_pending,
    (
        SELECT
            ceil(extract(EPOCH FROM max(f.window_started_at) + make_interval(
                secs => %(window_seconds)s
            ) - now()))::integer
        FROM aiapp.login_failures AS f
        WHERE
            f.window_started_at > now() - make_interval(secs => %(window_seconds)s)
            AND (
                (f.bucket = 'email:' || lower(%(email)s) AND f.failures >= %(max_per_email)s)
                OR (
                    f.bucket = 'address:' || %(address)s AND f.failures >= %(max_per_address)s
                )
            )
    ) AS retry_after
FROM (SELECT) AS probe
LEFT JOIN aiapp.users AS u ON lower(u.email) = lower(%(email)s);
