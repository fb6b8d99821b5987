-- name: select_training_plan :scalar
-- One of the caller's plans with its workouts by day; each workout says whether an activity
-- completed it (and which), and the plan its derived completion percent.
-- Seed 002's names ride along: target_date (end_date), and per workout training_plan_id
-- (plan_id) and was_completed (completed).
-- Params: customer_id, plan_id. Returns JSON text, or NULL when the caller has no such plan.
-- Index: training_plans_pkey; planned_workouts_plan_date_idx; activities_planned_workout_key.
WITH workouts AS (
    SELECT
        w.workout_id,
        w.workout_date,
        planned_workout_json(w) AS workout,
        a.activity_id AS completed_activity_id,
        a.activity_id IS NOT NULL AS completed
    FROM planned_workouts AS w
    LEFT JOIN activities AS a
        ON w.customer_id = a.customer_id AND w.workout_id = a.planned_workout_id
    WHERE w.customer_id = %(customer_id)s AND w.plan_id = %(plan_id)s
)

SELECT
    (
        training_plan_json(t)
        || jsonb_build_object(
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
                            workouts.workout || jsonb_build_object(
                                'completed_activity_id', workouts.completed_activity_id,
                                'completed', workouts.completed,
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
