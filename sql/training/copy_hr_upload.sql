-- name: copy_hr_upload :copy
-- types: timestamptz, int2
-- Streams validated samples into hr_upload (see create_hr_upload), in binary.
-- Rows: (sample_time, heart_rate). Index: none (temporary table).
COPY hr_upload (sample_time, heart_rate) FROM STDIN (FORMAT "binary");
