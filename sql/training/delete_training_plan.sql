-- name: delete_training_plan :scalar
-- Deletes one of the caller's plans and its workouts (activities that completed them keep
-- existing, unlinked). Params: customer_id, plan_id. Returns the answer as JSON
-- text, or NULL when the caller had no such row.
-- Index: training_plans_pkey.
DELETE FROM training_plans
WHERE plan_id = %(plan_id)s AND customer_id = %(customer_id)s
RETURNING json_build_object('plan_id', plan_id, 'deleted', TRUE)::text;
