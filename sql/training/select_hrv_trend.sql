-- name: select_hrv_trend :scalar
-- The caller's nightly HRV (hrv_data.hrv_last_night_avg) for the `days` days ending end_date:
-- each day's value, its 7-day rolling mean, and a baseline band (mean +/- one standard
-- deviation of the 28 days before it), computed with window functions over 28 extra days
-- of history. Params: customer_id, end_date, days. Returns JSON text {items, count}.
-- Index: hrv_data_pkey (customer_id, calendar_date).
WITH history AS (
    SELECT
        h.calendar_date,
        h.hrv_last_night_avg AS hrv,
        h.hrv_status,
        avg(h.hrv_last_night_avg) OVER week AS rolling_7d_mean,
        avg(h.hrv_last_night_avg) OVER baseline AS baseline_mean,
        stddev_samp(h.hrv_last_night_avg) OVER baseline AS baseline_sd
    FROM hrv_data AS h
    WHERE
        h.customer_id = %(customer_id)s
        AND h.hrv_last_night_avg IS NOT NULL
        AND h.calendar_date
        BETWEEN %(end_date)s::date - (%(days)s + 27) AND %(end_date)s::date
    WINDOW
        week AS (
            ORDER BY h.calendar_date RANGE BETWEEN INTERVAL '6 days' PRECEDING AND CURRENT ROW
        ),
        baseline AS (
            ORDER BY
                h.calendar_date
            RANGE BETWEEN INTERVAL '28 days' PRECEDING AND INTERVAL '1 day' PRECEDING
        )
),

trend AS (
    SELECT
        calendar_date,
        hrv,
        hrv_status,
        round(rolling_7d_mean, 1) AS rolling_7d_mean,
        round(baseline_mean - coalesce(baseline_sd, 0), 1) AS baseline_low,
        round(baseline_mean + coalesce(baseline_sd, 0), 1) AS baseline_high
    FROM history
    WHERE calendar_date > %(end_date)s::date - %(days)s
)

SELECT
    json_build_object(
        'items', coalesce(json_agg(
            json_build_object(
                'calendar_date', trend.calendar_date,
                'hrv', trend.hrv,
                'hrv_status', trend.hrv_status,
                'rolling_7d_mean', trend.rolling_7d_mean,
                'baseline_low', trend.baseline_low,
                'baseline_high', trend.baseline_high
            ) ORDER BY trend.calendar_date
        ), '[]'),
        'count', count(*)
    )::text
FROM trend;
