-- name: select_habit_streak :scalar
-- The acting user's current and longest streak of a habit they can see, as of a day, by gaps
-- and islands. Each completed scheduled day (every day of a daily habit, the chosen weekdays
-- of a weekly one) gets its ordinal among the habit's scheduled days; along an unbroken run
-- ordinal - row_number() stays the same, so grouping by it yields the runs. The current streak
-- is the run reaching the last scheduled day on or before the day; when the day itself is
-- scheduled, reaching the scheduled day before it is enough (the day is not over yet).
-- Deleted logs, and logs below the target, do not count.
-- Params: habit_id, customer_id, on_date (NULL = today).
-- Returns habit_id, as_of, current_streak, current_streak_started_on, longest_streak,
-- last_completed_on; no row when the caller cannot see the habit.
-- Index: habits primary key; habit_logs_completed_live_idx.
WITH habit AS (
    SELECT
        h.habit_id,
        coalesce(h.days_of_week, '{1,2,3,4,5,6,7}'::smallint[]) AS days,
        coalesce(%(on_date)s::date, current_date) AS as_of
    FROM habits AS h
    WHERE
        h.habit_id = %(habit_id)s
        AND h.deleted_at IS NULL
        AND owner_role(h.customer_id, h.family_id, %(customer_id)s) IS NOT NULL
),

-- Ordinal = whole weeks since Monday 2001-01-01 times the days per week, plus the scheduled
-- days of its week up to that day. On a day off it is the ordinal of the last scheduled day.
completed_days AS (
    SELECT
        l.log_date,
        floor((l.log_date - date '2001-01-01') / 7.0)::integer * cardinality(habit.days)
        + (
            SELECT count(*)::integer
            FROM unnest(habit.days) AS scheduled (dow)
            WHERE scheduled.dow <= extract(ISODOW FROM l.log_date)
        ) AS ordinal
    FROM habit
    INNER JOIN habit_logs AS l ON habit.habit_id = l.habit_id
    WHERE
        l.customer_id = %(customer_id)s
        AND l.completed
        AND l.deleted_at IS NULL
        AND l.log_date <= habit.as_of
        AND extract(ISODOW FROM l.log_date) = any(habit.days)
),

runs AS (
    SELECT
        min(log_date) AS started_on,
        max(log_date) AS ended_on,
        count(*)::integer AS length,
        max(ordinal) AS last_ordinal
    FROM (
        SELECT
            log_date,
            ordinal,
            ordinal - row_number() OVER (ORDER BY log_date) AS island
        FROM completed_days
    ) AS numbered
    GROUP BY island
),

-- The smallest last ordinal of a run that is still current.
latest AS (
    SELECT
        floor((habit.as_of - date '2001-01-01') / 7.0)::integer * cardinality(habit.days)
        + (
            SELECT count(*)::integer
            FROM unnest(habit.days) AS scheduled (dow)
            WHERE scheduled.dow <= extract(ISODOW FROM habit.as_of)
        )
        - (extract(ISODOW FROM habit.as_of) = any(habit.days))::integer AS alive_from
    FROM habit
)

SELECT
    json_build_object(
        'habit_id', habit.habit_id,
        'as_of', habit.as_of,
        'current_streak', coalesce(current_run.length, 0),
        'current_streak_started_on', current_run.started_on,
        'longest_streak', coalesce((SELECT max(runs.length) FROM runs), 0),
        'last_completed_on', (SELECT max(runs.ended_on) FROM runs)
    )::text
FROM habit
CROSS JOIN latest
LEFT JOIN runs AS current_run ON latest.alive_from <= current_run.last_ordinal;
