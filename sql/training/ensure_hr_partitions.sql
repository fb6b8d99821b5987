-- name: ensure_hr_partitions :scalar
-- Makes sure heart_rate_samples of the connection's schema has a partition for every calendar
-- month (UTC) from from_time to to_time (see migrations/0017.garmin_scale.sql).
-- Params: from_time, to_time. Returns how many partitions were created. Index: none.
SELECT aiapp.ensure_hr_partitions(
    current_schema(), %(from_time)s::timestamptz, %(to_time)s::timestamptz
);
