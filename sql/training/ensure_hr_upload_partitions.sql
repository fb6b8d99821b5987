-- name: ensure_hr_upload_partitions :scalar
-- Makes sure heart_rate_samples has the monthly partitions the uploaded samples (hr_upload)
-- fall in, before upsert_hr_samples writes them: an insert into a month without a partition
-- would fail. A cheap catalogue check when the months exist (they normally do: `flask garmin
-- partitions` creates them ahead); see migrations/0017.garmin_scale.sql for how a missing
-- one is made. current_schema() is the Garmin pool's schema.
-- Params: none. Returns how many partitions were created. Index: none (hr_upload read whole).
SELECT aiapp.ensure_hr_partitions(current_schema(), min(u.sample_time), max(u.sample_time))
FROM hr_upload AS u;
