-- name: select_login_candidate :one
-- Everything a login needs in one round trip: the account with this email or username (any
-- case, may be absent; a username cannot contain '@', so at most one account matches) and,
-- when too many recent failures block the account's email (the typed login when there is no
-- such account) or the client address, how many seconds remain until they may try again.
-- Keying the count by the account's email means its email and username share one limit.
-- Params: email (what the client typed: an email or a username), address, window_seconds,
-- max_per_email, max_per_address.
-- Returns one row (customer_id, email, password_hash, disabled, password_reset_pending,
-- retry_after); customer_id is NULL for an unknown login, retry_after NULL when not blocked;
-- password_reset_pending when an admin forced a reset that was not completed yet. The answer
-- of a login is insert_token's.
-- Index: users_email_lower_key, users_username_lower_key (a BitmapOr); login_failures primary
-- key.
SELECT
    u.customer_id,
    u.email,
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
                (
                    f.bucket = 'email:' || lower(coalesce(u.email, %(email)s))
                    AND f.failures >= %(max_per_email)s
                )
                OR (
                    f.bucket = 'address:' || %(address)s AND f.failures >= %(max_per_address)s
                )
            )
    ) AS retry_after
FROM (SELECT) AS probe
LEFT JOIN aiapp.users AS u
    ON lower(u.email) = lower(%(email)s) OR lower(u.username) = lower(%(email)s);
