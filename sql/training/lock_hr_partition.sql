-- name: lock_hr_partition :scalar
-- Takes SHARE on one month's partition of heart_rate_samples (the connection's schema) until
-- the transaction ends: writes to that month wait, reads go on, so what the retention archives
-- is exactly what it drops. Params: month (its first day). Returns false when that month has
-- no partition. Index: none (catalogue lookups).
SELECT aiapp.lock_hr_partition(current_schema(), %(month)s::date);
