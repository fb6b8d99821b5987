-- name: delete_planned_workout :scalar
-- Deletes one of the caller's workouts (an activity that completed it is unlinked).
-- Params: customer_id, workout_id. Returns the answer as JSON text, or NULL when
-- the caller had no such row. Index: planned_workouts_pkey.
DELETE FROM planned_workouts
WHERE workout_id = %(workout_id)s AND customer_id = %(customer_id)s
RETURNING json_build_object('workout_id', workout_id, 'deleted', TRUE)::text;
