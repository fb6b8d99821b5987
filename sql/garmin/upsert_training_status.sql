-- name: upsert_training_status :scalar
-- Stores training status: one row per (customer_id, calendar_date), a whole batch in
-- one statement. A field that is null or absent keeps its stored value; a row that would not
-- change is dropped by the table's *_skip_unchanged trigger, so it keeps its updated_at.
-- RETURNING tells inserts from updates by xmax, which is 0 only on a freshly inserted row.
-- Params: customer_id; items (a JSON array of objects keyed by column name, each with a
-- distinct calendar_date).
-- Returns JSON text {inserted, updated, unchanged, count, items}: items are the stored rows
-- of the batch, by date. Index: training_status_pkey (customer_id, calendar_date), the conflict
-- target and the lookup of the unchanged rows.
WITH item AS (
    SELECT
        jsonb_populate_record(
            NULL::training_status,
            e.value || jsonb_build_object(
                'customer_id', %(customer_id)s::bigint, 'created_at', now(), 'updated_at', now()
            )
        ) AS row
    FROM jsonb_array_elements(%(items)s::jsonb) AS e
),

upserted AS (
    INSERT INTO training_status AS t
    SELECT (item.row).* FROM item
    ON CONFLICT (customer_id, calendar_date) DO UPDATE
        SET
            monthly_load_anaerobic = coalesce(
                excluded.monthly_load_anaerobic, t.monthly_load_anaerobic
            ),
            monthly_load_aerobic_high = coalesce(
                excluded.monthly_load_aerobic_high, t.monthly_load_aerobic_high
            ),
            monthly_load_aerobic_low = coalesce(
                excluded.monthly_load_aerobic_low, t.monthly_load_aerobic_low
            ),
            monthly_load_aerobic_low_target_min = coalesce(
                excluded.monthly_load_aerobic_low_target_min, t.monthly_load_aerobic_low_target_min
            ),
            monthly_load_aerobic_low_target_max = coalesce(
                excluded.monthly_load_aerobic_low_target_max, t.monthly_load_aerobic_low_target_max
            ),
            monthly_load_aerobic_high_target_min = coalesce(
                excluded.monthly_load_aerobic_high_target_min,
                t.monthly_load_aerobic_high_target_min
            ),
            monthly_load_aerobic_high_target_max = coalesce(
                excluded.monthly_load_aerobic_high_target_max,
                t.monthly_load_aerobic_high_target_max
            ),
            monthly_load_anaerobic_target_min = coalesce(
                excluded.monthly_load_anaerobic_target_min, t.monthly_load_anaerobic_target_min
            ),
            monthly_load_anaerobic_target_max = coalesce(
                excluded.monthly_load_anaerobic_target_max, t.monthly_load_anaerobic_target_max
            ),
            training_balance_feedback_phrase = coalesce(
                excluded.training_balance_feedback_phrase, t.training_balance_feedback_phrase
            ),
            daily_training_load_acute = coalesce(
                excluded.daily_training_load_acute, t.daily_training_load_acute
            ),
            daily_training_load_acute_feedback = coalesce(
                excluded.daily_training_load_acute_feedback, t.daily_training_load_acute_feedback
            ),
            daily_training_load_chronic = coalesce(
                excluded.daily_training_load_chronic, t.daily_training_load_chronic
            ),
            min_training_load_chronic = coalesce(
                excluded.min_training_load_chronic, t.min_training_load_chronic
            ),
            max_training_load_chronic = coalesce(
                excluded.max_training_load_chronic, t.max_training_load_chronic
            ),
            vo2_max_precise_value = coalesce(
                excluded.vo2_max_precise_value, t.vo2_max_precise_value
            ),
            vo2_max_feedback = coalesce(excluded.vo2_max_feedback, t.vo2_max_feedback)
    RETURNING
        t.calendar_date,
        training_status_json(t) AS row,
        CASE WHEN t.xmax = 0 THEN 'inserted' ELSE 'updated' END AS outcome
),

unchanged AS (
    SELECT
        stored.calendar_date,
        training_status_json(stored) AS row,
        'unchanged' AS outcome
    FROM training_status AS stored
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
