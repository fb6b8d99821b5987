-- name: upsert_sleep_data :scalar
-- Stores nights of sleep: one row per (customer_id, calendar_date), a whole batch in
-- one statement. A field that is null or absent keeps its stored value; a row that would not
-- change is dropped by the table's *_skip_unchanged trigger, so it keeps its updated_at.
-- RETURNING tells inserts from updates by xmax, which is 0 only on a freshly inserted row.
-- Params: customer_id; items (a JSON array of objects keyed by column name, each with a
-- distinct calendar_date).
-- Returns JSON text {inserted, updated, unchanged, count, items}: items are the stored rows
-- of the batch, by date. Index: sleep_data_pkey (customer_id, calendar_date), the conflict
-- target and the lookup of the unchanged rows.
WITH item AS (
    SELECT
        jsonb_populate_record(
            NULL::sleep_data,
            e.value || jsonb_build_object(
                'customer_id', %(customer_id)s::bigint, 'created_at', now(), 'updated_at', now()
            )
        ) AS row
    FROM jsonb_array_elements(%(items)s::jsonb) AS e
),

upserted AS (
    INSERT INTO sleep_data AS t
    SELECT (item.row).* FROM item
    ON CONFLICT (customer_id, calendar_date) DO UPDATE
        SET
            time_offset = coalesce(excluded.time_offset, t.time_offset),
            sleep_time_seconds = coalesce(excluded.sleep_time_seconds, t.sleep_time_seconds),
            sleep_start = coalesce(excluded.sleep_start, t.sleep_start),
            sleep_end = coalesce(excluded.sleep_end, t.sleep_end),
            nap_time_seconds = coalesce(excluded.nap_time_seconds, t.nap_time_seconds),
            nap_data = coalesce(excluded.nap_data, t.nap_data),
            deep_sleep_seconds = coalesce(excluded.deep_sleep_seconds, t.deep_sleep_seconds),
            light_sleep_seconds = coalesce(excluded.light_sleep_seconds, t.light_sleep_seconds),
            rem_sleep_seconds = coalesce(excluded.rem_sleep_seconds, t.rem_sleep_seconds),
            awake_sleep_seconds = coalesce(excluded.awake_sleep_seconds, t.awake_sleep_seconds),
            sleep_average_respiration_value = coalesce(
                excluded.sleep_average_respiration_value, t.sleep_average_respiration_value
            ),
            sleep_lowest_respiration_value = coalesce(
                excluded.sleep_lowest_respiration_value, t.sleep_lowest_respiration_value
            ),
            sleep_highest_respiration_value = coalesce(
                excluded.sleep_highest_respiration_value, t.sleep_highest_respiration_value
            ),
            sleep_awake_count = coalesce(excluded.sleep_awake_count, t.sleep_awake_count),
            avg_sleep_stress = coalesce(excluded.avg_sleep_stress, t.avg_sleep_stress),
            sleep_score_feedback = coalesce(excluded.sleep_score_feedback, t.sleep_score_feedback),
            sleep_score_insight = coalesce(excluded.sleep_score_insight, t.sleep_score_insight),
            sleep_score_personalized_insight = coalesce(
                excluded.sleep_score_personalized_insight, t.sleep_score_personalized_insight
            ),
            sleep_overall_score_value = coalesce(
                excluded.sleep_overall_score_value, t.sleep_overall_score_value
            ),
            sleep_overall_score_qualifier = coalesce(
                excluded.sleep_overall_score_qualifier, t.sleep_overall_score_qualifier
            ),
            sleep_total_duration_qualifier = coalesce(
                excluded.sleep_total_duration_qualifier, t.sleep_total_duration_qualifier
            ),
            sleep_stress_qualifier = coalesce(
                excluded.sleep_stress_qualifier, t.sleep_stress_qualifier
            ),
            sleep_awake_count_qualifier = coalesce(
                excluded.sleep_awake_count_qualifier, t.sleep_awake_count_qualifier
            ),
            sleep_rem_percentage_value = coalesce(
                excluded.sleep_rem_percentage_value, t.sleep_rem_percentage_value
            ),
            sleep_rem_percentage_qualifier = coalesce(
                excluded.sleep_rem_percentage_qualifier, t.sleep_rem_percentage_qualifier
            ),
            sleep_rem_optimal_start = coalesce(
                excluded.sleep_rem_optimal_start, t.sleep_rem_optimal_start
            ),
            sleep_rem_optimal_end = coalesce(
                excluded.sleep_rem_optimal_end, t.sleep_rem_optimal_end
            ),
            sleep_restlessness_qualifier = coalesce(
                excluded.sleep_restlessness_qualifier, t.sleep_restlessness_qualifier
            ),
            sleep_restlessness_optimal_start = coalesce(
                excluded.sleep_restlessness_optimal_start, t.sleep_restlessness_optimal_start
            ),
            sleep_restlessness_optimal_end = coalesce(
                excluded.sleep_restlessness_optimal_end, t.sleep_restlessness_optimal_end
            ),
            sleep_light_percentage_value = coalesce(
                excluded.sleep_light_percentage_value, t.sleep_light_percentage_value
            ),
            sleep_light_percentage_qualifier = coalesce(
                excluded.sleep_light_percentage_qualifier, t.sleep_light_percentage_qualifier
            ),
            sleep_light_optimal_start = coalesce(
                excluded.sleep_light_optimal_start, t.sleep_light_optimal_start
            ),
            sleep_light_optimal_end = coalesce(
                excluded.sleep_light_optimal_end, t.sleep_light_optimal_end
            ),
            sleep_deep_percentage_value = coalesce(
                excluded.sleep_deep_percentage_value, t.sleep_deep_percentage_value
            ),
            sleep_deep_percentage_qualifier = coalesce(
                excluded.sleep_deep_percentage_qualifier, t.sleep_deep_percentage_qualifier
            ),
            sleep_deep_optimal_start = coalesce(
                excluded.sleep_deep_optimal_start, t.sleep_deep_optimal_start
            ),
            sleep_deep_optimal_end = coalesce(
                excluded.sleep_deep_optimal_end, t.sleep_deep_optimal_end
            ),
            sleep_avg_overnight_hrv = coalesce(
                excluded.sleep_avg_overnight_hrv, t.sleep_avg_overnight_hrv
            ),
            sleep_resting_heart_rate = coalesce(
                excluded.sleep_resting_heart_rate, t.sleep_resting_heart_rate
            ),
            sleep_body_battery_change = coalesce(
                excluded.sleep_body_battery_change, t.sleep_body_battery_change
            ),
            sleep_restless_moments_count = coalesce(
                excluded.sleep_restless_moments_count, t.sleep_restless_moments_count
            ),
            sleep_levels_data = coalesce(excluded.sleep_levels_data, t.sleep_levels_data),
            sleep_heart_rate_data = coalesce(
                excluded.sleep_heart_rate_data, t.sleep_heart_rate_data
            ),
            sleep_hrv_data = coalesce(excluded.sleep_hrv_data, t.sleep_hrv_data),
            sleep_stress_data = coalesce(excluded.sleep_stress_data, t.sleep_stress_data)
    RETURNING
        t.calendar_date,
        sleep_data_json(t) AS row,
        CASE WHEN t.xmax = 0 THEN 'inserted' ELSE 'updated' END AS outcome
),

unchanged AS (
    SELECT
        stored.calendar_date,
        sleep_data_json(stored) AS row,
        'unchanged' AS outcome
    FROM sleep_data AS stored
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
