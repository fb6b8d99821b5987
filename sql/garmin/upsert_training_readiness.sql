-- name: upsert_training_readiness :scalar
-- Stores training readiness assessments: one row per (customer_id, calendar_date), a whole batch in
-- one statement. A field that is null or absent keeps its stored value; a row that would not
-- change is dropped by the table's *_skip_unchanged trigger, so it keeps its updated_at.
-- RETURNING tells inserts from updates by xmax, which is 0 only on a freshly inserted row.
-- Params: customer_id; items (a JSON array of objects keyed by column name, each with a
-- distinct calendar_date).
-- Returns JSON text {inserted, updated, unchanged, count, items}: items are the stored rows
-- of the batch, by date. Index: training_readiness_pkey (customer_id, calendar_date), the conflict
-- target and the lookup of the unchanged rows.
WITH item AS (
    SELECT
        jsonb_populate_record(
            NULL::training_readiness,
            e.value || jsonb_build_object(
                'customer_id', %(customer_id)s::bigint, 'created_at', now(), 'updated_at', now()
            )
        ) AS row
    FROM jsonb_array_elements(%(items)s::jsonb) AS e
),

upserted AS (
    INSERT INTO training_readiness AS t
    SELECT (item.row).* FROM item
    ON CONFLICT (customer_id, calendar_date) DO UPDATE
        SET
            training_readiness_level = coalesce(
                excluded.training_readiness_level, t.training_readiness_level
            ),
            training_readiness_score = coalesce(
                excluded.training_readiness_score, t.training_readiness_score
            ),
            sleep_score = coalesce(excluded.sleep_score, t.sleep_score),
            sleep_score_factor_feedback = coalesce(
                excluded.sleep_score_factor_feedback, t.sleep_score_factor_feedback
            ),
            recovery_time_factor_feedback = coalesce(
                excluded.recovery_time_factor_feedback, t.recovery_time_factor_feedback
            ),
            recovery_time = coalesce(excluded.recovery_time, t.recovery_time),
            acute_load = coalesce(excluded.acute_load, t.acute_load),
            hrv_weekly_average = coalesce(excluded.hrv_weekly_average, t.hrv_weekly_average),
            hrv_factor_feedback = coalesce(excluded.hrv_factor_feedback, t.hrv_factor_feedback),
            stress_history_factor_feedback = coalesce(
                excluded.stress_history_factor_feedback, t.stress_history_factor_feedback
            ),
            sleep_history_factor_feedback = coalesce(
                excluded.sleep_history_factor_feedback, t.sleep_history_factor_feedback
            )
    RETURNING
        t.calendar_date,
        training_readiness_json(t) AS row,
        CASE WHEN t.xmax = 0 THEN 'inserted' ELSE 'updated' END AS outcome
),

unchanged AS (
    SELECT
        stored.calendar_date,
        training_readiness_json(stored) AS row,
        'unchanged' AS outcome
    FROM training_readiness AS stored
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
