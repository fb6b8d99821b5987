-- name: complete_planned_workout :scalar
-- Marks one of the caller's workouts completed by one of the caller's activities: links the
-- activity to it. Another user's workout breaks the composite foreign key (404); a workout
-- another activity already completed breaks activities_planned_workout_key (409).
-- Params: customer_id, workout_id, activity_id. Returns {workout_id, activity_id, completed,
-- was_completed (seed 002's name)}
-- as JSON text, or NULL when the caller has no such activity.
-- Index: activities_pkey; planned_workouts_pkey (the foreign key).
UPDATE activities
SET planned_workout_id = %(workout_id)s
WHERE customer_id = %(customer_id)s AND activity_id = %(activity_id)s
RETURNING json_build_object(
    'workout_id', planned_workout_id, 'activity_id', activity_id, 'completed', TRUE,
    'was_completed', TRUE
)::text;
