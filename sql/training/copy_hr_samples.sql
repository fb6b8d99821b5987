-- name: copy_hr_samples :copy
-- types: int8, int8, timestamptz, int4, int2, int2
-- Streams heart-rate samples into hr_seed (create_hr_seed), in binary: the bulk path of the
-- sample seeder (`flask seed sample`, `make bench`), which writes whole activities it has just
-- emptied (delete_activities_hr_samples) in months it has made sure of (ensure_hr_partitions);
-- insert_hr_seed then moves them into heart_rate_samples.
-- Rows: (customer_id, activity_id, sample_time, elapsed_seconds, heart_rate, seq).
-- Index: none (temporary table).
COPY hr_seed (
    customer_id, activity_id, sample_time, elapsed_seconds, heart_rate, seq
) FROM STDIN (FORMAT "binary");
