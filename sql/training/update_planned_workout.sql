-- name: update_planned_workout :scalar
-- Changes the fields a JSON patch names on one of the caller's workouts (others are kept).
-- Params: customer_id, workout_id, patch (jsonb). Returns the workout as JSON text, or NULL
-- when the caller has no such workout; completed (seed 002: was_completed) says whether an
-- activity completed it, training_plan_id is plan_id by seed 002's name.
-- Index: planned_workouts_pkey; activities_planned_workout_key.
UPDATE planned_workouts AS w SET
    workout_date
    = CASE WHEN %(patch)s::jsonb ? 'workout_date' THEN g.workout_date ELSE w.workout_date END,
    workout_type
    = CASE WHEN %(patch)s::jsonb ? 'workout_type' THEN g.workout_type ELSE w.workout_type END,
    workout_name
    = CASE WHEN %(patch)s::jsonb ? 'workout_name' THEN g.workout_name ELSE w.workout_name END,
    description
    = CASE WHEN %(patch)s::jsonb ? 'description' THEN g.description ELSE w.description END,
    target_duration_minutes = CASE
        WHEN %(patch)s::jsonb ? 'target_duration_minutes' THEN g.target_duration_minutes
        ELSE w.target_duration_minutes
    END,
    target_distance_meters = CASE
        WHEN %(patch)s::jsonb ? 'target_distance_meters' THEN g.target_distance_meters
        ELSE w.target_distance_meters
    END,
    target_hr_zone
    = CASE WHEN %(patch)s::jsonb ? 'target_hr_zone' THEN g.target_hr_zone ELSE w.target_hr_zone END,
    target_pace_seconds_per_km = CASE
        WHEN %(patch)s::jsonb ? 'target_pace_seconds_per_km' THEN g.target_pace_seconds_per_km
        ELSE w.target_pace_seconds_per_km
    END,
    target_power_watts = CASE
        WHEN %(patch)s::jsonb ? 'target_power_watts' THEN g.target_power_watts
        ELSE w.target_power_watts
    END,
    intensity = CASE WHEN %(patch)s::jsonb ? 'intensity' THEN g.intensity ELSE w.intensity END,
    ai_reasoning
    = CASE WHEN %(patch)s::jsonb ? 'ai_reasoning' THEN g.ai_reasoning ELSE w.ai_reasoning END,
    adaptations
    = CASE WHEN %(patch)s::jsonb ? 'adaptations' THEN g.adaptations ELSE w.adaptations END,
    coach_notes
    = CASE WHEN %(patch)s::jsonb ? 'coach_notes' THEN g.coach_notes ELSE w.coach_notes END,
    athlete_feedback = CASE
        WHEN %(patch)s::jsonb ? 'athlete_feedback' THEN g.athlete_feedback ELSE w.athlete_feedback
    END,
    workout_structure = CASE
        WHEN %(patch)s::jsonb ? 'workout_structure' THEN g.workout_structure
        ELSE w.workout_structure
    END
FROM
    jsonb_populate_record(NULL::planned_workouts, %(patch)s::jsonb) AS g,
    LATERAL (
        SELECT exists(
            SELECT FROM activities AS a
            WHERE a.customer_id = %(customer_id)s AND a.planned_workout_id = %(workout_id)s
        ) AS completed
    ) AS done
WHERE w.workout_id = %(workout_id)s AND w.customer_id = %(customer_id)s
RETURNING (
    planned_workout_json(w) || jsonb_build_object(
        'completed', done.completed,
        'was_completed', done.completed
    )
)::text;
