-- name: list_training_plans :scalar
-- The caller's plans (all, or only active/inactive ones), newest start first, each with its
-- workout count, completed count and completion percent derived from the activities that
-- completed its workouts.
-- end_date is also target_date (seed 002's name).
-- Params: customer_id, is_active (NULL = all). Returns JSON text {items, count}.
-- Index: training_plans_customer_active_idx; planned_workouts_plan_date_idx;
-- activities_planned_workout_key.
WITH plans AS (
    SELECT
        t.plan_id,
        t.start_date,
        training_plan_json(t) AS plan,
        progress.workout_count,
        progress.completed_count,
        round(100.0 * progress.completed_count / nullif(progress.workout_count, 0), 1)
            AS completion_percent
    FROM training_plans AS t
    CROSS JOIN
        LATERAL (
            SELECT
                count(w.workout_id) AS workout_count,
                count(a.activity_id) AS completed_count
            FROM planned_workouts AS w
            LEFT JOIN activities AS a
                ON w.customer_id = a.customer_id AND w.workout_id = a.planned_workout_id
            WHERE w.customer_id = t.customer_id AND w.plan_id = t.plan_id
        ) AS progress
    WHERE
        t.customer_id = %(customer_id)s
        AND (%(is_active)s::boolean IS NULL OR t.is_active = %(is_active)s::boolean)
)

SELECT
    json_build_object(
        'items',
        coalesce(json_agg(
            plans.plan || jsonb_build_object(
                'workout_count', plans.workout_count,
                'completed_count', plans.completed_count,
                'completion_percent', plans.completion_percent
            )
            ORDER BY plans.start_date DESC, plans.plan_id DESC
        ), '[]'),
        'count', count(*)
    )::text
FROM plans;
