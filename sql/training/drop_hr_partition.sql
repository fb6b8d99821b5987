-- name: drop_hr_partition :scalar
-- Detaches and drops one month's partition of heart_rate_samples (the connection's schema):
-- the retention's only way to delete samples, a whole month at a time, with no row-by-row
-- DELETE and no bloat left behind. Params: month (its first day). Returns false when that
-- month has no partition. Index: none (catalogue lookups).
SELECT aiapp.drop_hr_partition(current_schema(), %(month)s::date);
