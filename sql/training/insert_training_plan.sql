-- name: insert_training_plan :scalar
-- Creates a plan for the caller from a JSON object of its fields.
-- Params: customer_id, plan (jsonb). Returns the plan as JSON text (no workouts yet).
-- end_date is also target_date (seed 002's name). Index: training_plans_pkey.
INSERT INTO training_plans AS t (
    customer_id, name, goal, start_date, end_date, is_active, ai_generated, ai_model, ai_prompt,
    weekly_structure
)
SELECT
    %(customer_id)s,
    g.name,
    g.goal,
    g.start_date,
    g.end_date,
    coalesce(g.is_active, TRUE) AS is_active,
    coalesce(g.ai_generated, FALSE) AS ai_generated,
    g.ai_model,
    g.ai_prompt,
    g.weekly_structure
FROM jsonb_populate_record(NULL::training_plans, %(plan)s::jsonb) AS g
RETURNING
    (
        training_plan_json(t)
        || '{"workout_count": 0, "completed_count": 0, "completion_percent": 0}'
    )::text;
