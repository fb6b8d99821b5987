-- name: insert_hr_seed :scalar
-- Moves the seeder's copied samples (hr_seed) into heart_rate_samples: one plain INSERT, no
-- conflict handling, since the seeder emptied those activities first in the same
-- transaction. Params: none. Returns how many rows were written.
-- Index: heart_rate_samples_pkey of each month's partition (maintained as rows arrive).
WITH written AS (
    INSERT INTO heart_rate_samples (
        customer_id, activity_id, sample_time, elapsed_seconds, heart_rate, seq
    )
    SELECT
        customer_id,
        activity_id,
        sample_time,
        elapsed_seconds,
        heart_rate,
        seq
    FROM hr_seed
    RETURNING 1
)

SELECT count(*) FROM written;
