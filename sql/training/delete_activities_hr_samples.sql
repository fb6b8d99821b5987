-- name: delete_activities_hr_samples :scalar
-- Deletes the heart-rate samples of some of the caller's activities (the seeder empties them
-- before it copies them again). Params: customer_id, activity_ids (bigint[]).
-- Returns how many were deleted.
-- Index: heart_rate_samples_pkey (customer_id, activity_id) in each month's partition.
WITH gone AS (
    DELETE FROM heart_rate_samples AS s
    WHERE s.customer_id = %(customer_id)s AND s.activity_id = any(%(activity_ids)s::bigint[])
    RETURNING 1
)

SELECT count(*) FROM gone;
