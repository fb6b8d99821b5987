-- name: hit_rate_limit :scalar
-- Counts one request against a bucket (user-exists: 'exists:<client address>') in the
-- failure counters login uses, starting a new window when the last one has passed.
-- Params: bucket, window_seconds, max_hits. Returns the seconds until the bucket may be
-- used again when this request is over max_hits, else NULL. Index: login_failures primary key.
INSERT INTO aiapp.login_failures AS f (bucket, failures, window_started_at)
VALUES (%(bucket)s, 1, now())
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
        END
RETURNING CASE
    WHEN f.failures > %(max_hits)s
        THEN greatest(1, ceil(extract(EPOCH FROM f.window_started_at + make_interval(
            secs => %(window_seconds)s
        ) - now())))::integer
END AS retry_after;
