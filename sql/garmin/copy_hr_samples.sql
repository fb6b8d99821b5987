-- name: copy_hr_samples :copy
-- types: int8, int8, timestamptz, int4, int2, int2
-- Streams heart-rate samples straight into heart_rate_samples, in binary: the bulk path of the
-- sample seeder (`flask seed sample`, `make bench`), which writes whole activities it has just
-- emptied (delete_activities_hr_samples) in months it has made sure of (ensure_hr_partitions).
-- Rows: (customer_id, activity_id, sample_time, elapsed_seconds, heart_rate, seq).
-- Index: heart_rate_samples_pkey of each month's partition (maintained as rows arrive).
COPY heart_rate_samples (
    customer_id, activity_id, sample_time, elapsed_seconds, heart_rate, seq
) FROM STDIN (FORMAT "binary");
