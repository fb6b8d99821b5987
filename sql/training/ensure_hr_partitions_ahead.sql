-- name: ensure_hr_partitions_ahead :scalar
-- Makes sure heart_rate_samples of the connection's schema has a partition for this calendar
-- month (UTC) and the `months` after it (0 to 23), for `flask garmin partitions --ahead`;
-- aiapp.ensure_hr_partitions refuses sample times more than a day ahead, so months ahead are
-- made here (see migrations/0025.review_fixes.sql).
-- Params: months. Returns how many partitions were created. Index: none.
SELECT aiapp.ensure_hr_partitions_ahead(current_schema(), %(months)s::integer);
