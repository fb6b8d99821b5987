-- name: ensure_fit_sample_months :scalar
-- Makes sure heart_rate_samples has a partition for every calendar month (UTC) from a .FIT
-- file's first sample to the last of the chunk about to be stored (insert_fit_samples), as
-- training/ensure_hr_partitions does for the HR upload: the same function, which refuses times
-- outside the plausible window and a span of years (migrations 0017, 0026). Pipelined with the
-- chunks. Params: from_time, to_time. Returns how many partitions were created. Index: none.
SELECT aiapp.ensure_hr_partitions(
    current_schema(), %(from_time)s::timestamptz, %(to_time)s::timestamptz
);
