-- name: update_training_plan :scalar
-- Changes the fields a JSON patch names on one of the caller's plans (others are kept).
-- Params: customer_id, plan_id, patch (jsonb). Returns the plan as JSON text, or NULL when the
-- caller has no such plan; end_date is also target_date (seed 002). Index: training_plans_pkey.
UPDATE training_plans AS t SET
    name = CASE WHEN %(patch)s::jsonb ? 'name' THEN g.name ELSE t.name END,
    goal = CASE WHEN %(patch)s::jsonb ? 'goal' THEN g.goal ELSE t.goal END,
    start_date = CASE WHEN %(patch)s::jsonb ? 'start_date' THEN g.start_date ELSE t.start_date END,
    end_date = CASE WHEN %(patch)s::jsonb ? 'end_date' THEN g.end_date ELSE t.end_date END,
    is_active = CASE WHEN %(patch)s::jsonb ? 'is_active' THEN g.is_active ELSE t.is_active END,
    weekly_structure = CASE
        WHEN %(patch)s::jsonb ? 'weekly_structure' THEN g.weekly_structure ELSE t.weekly_structure
    END
FROM jsonb_populate_record(NULL::training_plans, %(patch)s::jsonb) AS g
WHERE t.plan_id = %(plan_id)s AND t.customer_id = %(customer_id)s
RETURNING training_plan_json(t)::text;
