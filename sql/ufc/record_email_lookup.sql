-- name: record_email_lookup :one
-- Answers whether an account uses this email (any letter case) and counts the lookup against
-- the client address, since each lookup can probe for accounts. The counter is the bucket
-- 'exists:<address>' in aiapp.login_failures that every answer telling whether an email has
-- an account shares (/auth/user-exists, family invitations, a taken email on registration;
-- its failures column counts lookups there), with the window logic of failed logins, kept
-- apart from the login buckets.
-- Params: email, address, window_seconds, max_lookups.
-- Returns found and retry_after (seconds until the window ends, NULL when not over the limit).
-- Index: login_failures primary key; users_email_lower_key.
WITH hit AS (
    INSERT INTO aiapp.login_failures AS f (bucket, failures, window_started_at)
    VALUES ('exists:' || %(address)s, 1, now())
    ON CONFLICT (bucket) DO UPDATE
        SET
            failures = CASE
                WHEN f.window_started_at <= now() - make_interval(secs => %(window_seconds)s)
                    THEN 1
                ELSE f.failures + 1
            END,
            window_started_at = CASE
                WHEN f.window_started_at <= now() - make_interval(secs => %(window_seconds)s)
                    THEN now()
                ELSE f.window_started_at
            END
    RETURNING f.failures, f.window_started_at
)

SELECT
    exists(
        SELECT FROM aiapp.users AS u
        WHERE lower(u.email) = lower(%(email)s)
    ) AS found,
    CASE
        WHEN h.failures > %(max_lookups)s
            THEN greatest(
                1,
                ceil(extract(EPOCH FROM h.window_started_at + make_interval(
                    secs => %(window_seconds)s
                ) - now()))::integer
            )
    END AS retry_after
FROM hit AS h;
