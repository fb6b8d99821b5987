-- name: delete_planned_workout :none
-- Deletes one of the caller's workouts (an activity that completed it is unlinked).
-- Params: customer_id, workout_id. Returns the row count. Index: planned_workouts_pkey.
DELETE FROM planned_workouts
WHERE workout_id = %(workout_id)s AND customer_id = %(customer_id)s;
