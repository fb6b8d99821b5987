-- name: upsert_user_summary :scalar
-- Stores daily summaries: one row per (customer_id, calendar_date), a whole batch in
-- one statement. A field that is null or absent keeps its stored value; a row that would not
-- change is dropped by the table's *_skip_unchanged trigger, so it keeps its updated_at.
-- RETURNING tells inserts from updates by xmax, which is 0 only on a freshly inserted row.
-- Params: customer_id; items (a JSON array of objects keyed by column name, each with a
-- distinct calendar_date).
-- Returns JSON text {inserted, updated, unchanged, count, items}: items are the stored rows
-- of the batch, by date. Index: user_summary_pkey (customer_id, calendar_date), the conflict
-- target and the lookup of the unchanged rows.
WITH item AS (
    SELECT
        jsonb_populate_record(
            NULL::user_summary,
            e.value || jsonb_build_object(
                'customer_id', %(customer_id)s::bigint, 'created_at', now(), 'updated_at', now()
            )
        ) AS row
    FROM jsonb_array_elements(%(items)s::jsonb) AS e
),

upserted AS (
    INSERT INTO user_summary AS t
    SELECT (item.row).* FROM item
    ON CONFLICT (customer_id, calendar_date) DO UPDATE
        SET
            total_kilocalories = coalesce(excluded.total_kilocalories, t.total_kilocalories),
            active_kilocalories = coalesce(excluded.active_kilocalories, t.active_kilocalories),
            bmr_kilocalories = coalesce(excluded.bmr_kilocalories, t.bmr_kilocalories),
            total_steps = coalesce(excluded.total_steps, t.total_steps),
            total_distance_meters = coalesce(
                excluded.total_distance_meters, t.total_distance_meters
            ),
            min_heart_rate = coalesce(excluded.min_heart_rate, t.min_heart_rate),
            max_heart_rate = coalesce(excluded.max_heart_rate, t.max_heart_rate),
            resting_heart_rate = coalesce(excluded.resting_heart_rate, t.resting_heart_rate),
            last_seven_days_avg_resting_heart_rate = coalesce(
                excluded.last_seven_days_avg_resting_heart_rate,
                t.last_seven_days_avg_resting_heart_rate
            ),
            vigorous_intensity_minutes = coalesce(
                excluded.vigorous_intensity_minutes, t.vigorous_intensity_minutes
            ),
            moderate_intensity_minutes = coalesce(
                excluded.moderate_intensity_minutes, t.moderate_intensity_minutes
            ),
            average_stress_level = coalesce(excluded.average_stress_level, t.average_stress_level),
            total_stress_duration = coalesce(
                excluded.total_stress_duration, t.total_stress_duration
            ),
            stress_duration = coalesce(excluded.stress_duration, t.stress_duration),
            uncategorized_stress_duration = coalesce(
                excluded.uncategorized_stress_duration, t.uncategorized_stress_duration
            ),
            rest_stress_duration = coalesce(excluded.rest_stress_duration, t.rest_stress_duration),
            low_stress_duration = coalesce(excluded.low_stress_duration, t.low_stress_duration),
            activity_stress_duration = coalesce(
                excluded.activity_stress_duration, t.activity_stress_duration
            ),
            medium_stress_duration = coalesce(
                excluded.medium_stress_duration, t.medium_stress_duration
            ),
            high_stress_duration = coalesce(excluded.high_stress_duration, t.high_stress_duration),
            stress_qualifier = coalesce(excluded.stress_qualifier, t.stress_qualifier),
            body_battery_charged_value = coalesce(
                excluded.body_battery_charged_value, t.body_battery_charged_value
            ),
            body_battery_drained_value = coalesce(
                excluded.body_battery_drained_value, t.body_battery_drained_value
            ),
            body_battery_highest_value = coalesce(
                excluded.body_battery_highest_value, t.body_battery_highest_value
            ),
            body_battery_lowest_value = coalesce(
                excluded.body_battery_lowest_value, t.body_battery_lowest_value
            ),
            body_battery_most_recent_value = coalesce(
                excluded.body_battery_most_recent_value, t.body_battery_most_recent_value
            ),
            avg_waking_respiration_value = coalesce(
                excluded.avg_waking_respiration_value, t.avg_waking_respiration_value
            ),
            highest_respiration_value = coalesce(
                excluded.highest_respiration_value, t.highest_respiration_value
            ),
            lowest_respiration_value = coalesce(
                excluded.lowest_respiration_value, t.lowest_respiration_value
            ),
            latest_respiration_value = coalesce(
                excluded.latest_respiration_value, t.latest_respiration_value
            )
    RETURNING
        t.calendar_date,
        user_summary_json(t) AS row,
        CASE WHEN t.xmax = 0 THEN 'inserted' ELSE 'updated' END AS outcome
),

unchanged AS (
    SELECT
        stored.calendar_date,
        user_summary_json(stored) AS row,
        'unchanged' AS outcome
    FROM user_summary AS stored
    INNER JOIN item ON stored.calendar_date = (item.row).calendar_date
    WHERE
        stored.customer_id = %(customer_id)s
        AND stored.calendar_date NOT IN (SELECT upserted.calendar_date FROM upserted)
),

batch AS (
    SELECT
        calendar_date,
        row,
        outcome
    FROM upserted
    UNION ALL
    SELECT
        calendar_date,
        row,
        outcome
    FROM unchanged
)

SELECT
    json_build_object(
        'inserted', count(*) FILTER (WHERE outcome = 'inserted'),
        'updated', count(*) FILTER (WHERE outcome = 'updated'),
        'unchanged', count(*) FILTER (WHERE outcome = 'unchanged'),
        'count', count(*),
        'items', coalesce(json_agg(row ORDER BY calendar_date), '[]')
    )::text
FROM batch;
