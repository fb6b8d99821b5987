-- name: insert_planned_workout :scalar
-- Adds a workout to one of the caller's plans (another user's plan breaks the composite
-- foreign key: 404). Params: customer_id, plan_id, workout (jsonb).
-- Returns the workout as JSON text, with seed 002's training_plan_id and was_completed.
-- Index: planned_workouts_pkey, training_plans_pkey (customer_id, plan_id).
INSERT INTO planned_workouts AS w (
    plan_id, customer_id, workout_date, workout_type, workout_name, description,
    target_duration_minutes, target_distance_meters, target_hr_zone, target_pace_seconds_per_km,
    target_power_watts, intensity, ai_reasoning, adaptations, coach_notes, workout_structure
)
SELECT
    %(plan_id)s,
    %(customer_id)s,
    g.workout_date,
    g.workout_type,
    g.workout_name,
    g.description,
    g.target_duration_minutes,
    g.target_distance_meters,
    g.target_hr_zone,
    g.target_pace_seconds_per_km,
    g.target_power_watts,
    g.intensity,
    g.ai_reasoning,
    g.adaptations,
    g.coach_notes,
    g.workout_structure
FROM jsonb_populate_record(NULL::planned_workouts, %(workout)s::jsonb) AS g
RETURNING (
    planned_workout_json(w)
    || '{"completed": false, "was_completed": false, "completed_activity_id": null}'
)::text;
