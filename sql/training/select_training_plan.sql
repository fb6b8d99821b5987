-- name: select_training_plan :scalar
-- One of the caller's plans with its workouts by day; each workout says whether an activity
-- completed it (and which), and the plan its derived completion percent.
-- Seed 002's names ride along: target_date (end_date), and per workout training_plan_id
-- (plan_id) and was_completed (completed).
-- Params: customer_id, plan_id. Returns JSON text, or NULL when the caller has no such plan.
-- Index: training_plans_pkey; planned_workouts_plan_date_idx; activities_planned_workout_key.
WITH workouts AS (
    SELECT
        w.*,
        a.activity_id AS completed_activity_id,
        a.activity_id IS NOT NULL AS completed
    FROM planned_workouts AS w
    LEFT JOIN activities AS a
        ON w.customer_id = a.customer_id AND w.workout_id = a.planned_workout_id
    WHERE w.customer_id = %(customer_id)s AND w.plan_id = %(plan_id)s
)

SELECT
    (
        to_jsonb(t)
        || jsonb_build_object(
            'target_date', t.end_date,
            'workout_count', (SELECT count(*) FROM workouts),
            'completed_count', (SELECT count(*) FILTER (WHERE completed) FROM workouts),
            'completion_percent', (
                SELECT
                    round(
                        100.0 * count(*) FILTER (WHERE completed) / nullif(count(*), 0), 1
                    ) AS completion_percent
                FROM workouts
            ),
            'workouts', (
                SELECT
                    coalesce(
                        jsonb_agg(
                            to_jsonb(workouts) || jsonb_build_object(
                                'training_plan_id', workouts.plan_id,
                                'was_completed', workouts.completed
                            )
                            ORDER BY workouts.workout_date, workouts.workout_id
                        ),
                        '[]'
                    ) AS workouts
                FROM workouts
            )
        )
    )::text
FROM training_plans AS t
WHERE t.plan_id = %(plan_id)s AND t.customer_id = %(customer_id)s;
