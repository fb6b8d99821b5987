-- name: delete_training_plan :none
-- Deletes one of the caller's plans and its workouts (activities that completed them keep
-- existing, unlinked). Params: customer_id, plan_id. Returns the row count.
-- Index: training_plans_pkey.
DELETE FROM training_plans
WHERE plan_id = %(plan_id)s AND customer_id = %(customer_id)s;
