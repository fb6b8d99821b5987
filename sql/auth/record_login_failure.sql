-- name: record_login_failure :none
-- Counts one failed login against the email and the client address. A bucket whose window
-- has passed starts a new window at 1. Params: email, address, window_seconds.
-- Returns the number of buckets written (2). Index: login_failures primary key.
INSERT INTO aiapp.login_failures AS f (bucket, failures, window_started_at)
VALUES
('email:' || lower(%(email)s), 1, now()),
('address:' || %(address)s, 1, now())
ON CONFLICT (bucket) DO UPDATE
    SET
        failures = CASE
            WHEN f.window_started_at <= now() - make_interval(secs => %(window_seconds)s) THEN 1
            ELSE f.failures + 1
        END,
        window_started_at = CASE
            WHEN f.window_started_at <= now() - make_interval(secs => %(window_seconds)s)
                THEN now()
            ELSE f.window_started_at
        END;
