-- name: recompute_training_load :scalar
-- Recomputes the caller's training_load_tracking rows for an inclusive date window from the
-- activities' training load, in one statement. An activity's load is Garmin's device load, or
-- else its heart-rate load (hr_training_load, Banister's TRIMP: update_activity_hr_loads, which
-- the recompute route runs first over the same days). Every day is a row (generate_series; a day
-- without activities is zero load), over 41 extra days of history so the windows and the
-- exponentially weighted averages are warm on the first day written:
--   acute = mean load of the last 7 days, chronic = of the last 28; ACWR = acute / chronic and
--   its band (< 0.8 low, 0.8-1.3 optimal, 1.3-1.5 caution, > 1.5 high_risk);
--   fitness / fatigue = EWMA of the load with 42- / 7-day time constants (recursive CTE), form =
--   fitness - fatigue; monotony = 7-day mean / standard deviation, strain = 7-day load x
--   monotony; weekly ramp rate = percent change of the 7-day load against the 7 days before.
-- Params: customer_id, start_date, end_date. Returns JSON text {items, count} of the rows written
-- (training_load_json: with tracking_date, as the list answers).
-- Index: activities_customer_date_idx; training_load_tracking_pkey (conflict target).
WITH RECURSIVE days AS (
    SELECT
        day::date AS calendar_date,
        row_number() OVER (ORDER BY day) AS n
    FROM generate_series(
        (%(start_date)s::date - 41)::timestamp, %(end_date)s::date::timestamp, interval '1 day'
    ) AS day
),

loads AS (
    SELECT
        d.calendar_date,
        d.n,
        coalesce(
            sum(coalesce(a.activity_activity_training_load, a.hr_training_load)), 0
        )::numeric AS daily_load
    FROM days AS d
    LEFT JOIN activities AS a
        ON a.customer_id = %(customer_id)s AND d.calendar_date = a.calendar_date
    GROUP BY d.calendar_date, d.n
),

windowed AS (
    SELECT
        calendar_date,
        n,
        daily_load,
        avg(daily_load) OVER (ORDER BY n ROWS 6 PRECEDING) AS acute_load,
        avg(daily_load) OVER (ORDER BY n ROWS 27 PRECEDING) AS chronic_load,
        stddev_pop(daily_load) OVER (ORDER BY n ROWS 6 PRECEDING) AS week_sd,
        sum(daily_load) OVER (ORDER BY n ROWS 6 PRECEDING) AS week_load,
        sum(daily_load)
            OVER (ORDER BY n ROWS BETWEEN 13 PRECEDING AND 7 PRECEDING)
            AS prior_week_load
    FROM loads
),

ewma AS (
    SELECT
        n,
        daily_load * (1 - exp(-1 / 42.0)) AS fitness,
        daily_load * (1 - exp(-1 / 7.0)) AS fatigue
    FROM windowed
    WHERE n = 1
    UNION ALL
    SELECT
        w.n,
        e.fitness + (w.daily_load - e.fitness) * (1 - exp(-1 / 42.0)) AS fitness,
        e.fatigue + (w.daily_load - e.fatigue) * (1 - exp(-1 / 7.0)) AS fatigue
    FROM ewma AS e
    INNER JOIN windowed AS w ON w.n = e.n + 1
),

computed AS (
    SELECT
        w.calendar_date,
        w.daily_load,
        round(w.acute_load, 3) AS acute_load,
        round(w.chronic_load, 3) AS chronic_load,
        round(w.acute_load / nullif(w.chronic_load, 0), 3) AS acwr,
        round(e.fitness, 3) AS fitness,
        round(e.fatigue, 3) AS fatigue,
        round(e.fitness - e.fatigue, 3) AS form,
        round(w.acute_load / nullif(w.week_sd, 0), 3) AS monotony,
        round(w.week_load * w.acute_load / nullif(w.week_sd, 0), 3) AS strain,
        round(100 * (w.week_load - w.prior_week_load) / nullif(w.prior_week_load, 0), 1)
            AS weekly_ramp_rate
    FROM windowed AS w
    INNER JOIN ewma AS e ON w.n = e.n
    WHERE w.calendar_date >= %(start_date)s::date
),

stored AS (
    INSERT INTO training_load_tracking AS t (
        customer_id, calendar_date, daily_load, acute_load, chronic_load, acwr, acwr_status,
        fitness, fatigue, form, monotony, strain, weekly_ramp_rate
    )
    SELECT
        %(customer_id)s,
        calendar_date,
        daily_load,
        acute_load,
        chronic_load,
        acwr,
        CASE
            WHEN acwr < 0.8 THEN 'low'
            WHEN acwr <= 1.3 THEN 'optimal'
            WHEN acwr <= 1.5 THEN 'caution'
            WHEN acwr > 1.5 THEN 'high_risk'
        END AS acwr_status,
        fitness,
        fatigue,
        form,
        monotony,
        strain,
        weekly_ramp_rate
    FROM computed
    ON CONFLICT (customer_id, calendar_date) DO UPDATE
        SET
            daily_load = excluded.daily_load,
            acute_load = excluded.acute_load,
            chronic_load = excluded.chronic_load,
            acwr = excluded.acwr,
            acwr_status = excluded.acwr_status,
            fitness = excluded.fitness,
            fatigue = excluded.fatigue,
            form = excluded.form,
            monotony = excluded.monotony,
            strain = excluded.strain,
            weekly_ramp_rate = excluded.weekly_ramp_rate,
            updated_at = now()
    RETURNING t.calendar_date, training_load_json(t) AS load
)

SELECT
    json_build_object(
        'items', coalesce(json_agg(stored.load ORDER BY stored.calendar_date), '[]'),
        'count', count(*)
    )::text
FROM stored;
