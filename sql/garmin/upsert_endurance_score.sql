-- name: upsert_endurance_score :scalar
-- Stores endurance scores: one row per (customer_id, calendar_date), a whole batch in
-- one statement. A field that is null or absent keeps its stored value; a row that would not
-- change is dropped by the table's *_skip_unchanged trigger, so it keeps its updated_at.
-- RETURNING tells inserts from updates by xmax, which is 0 only on a freshly inserted row.
-- Params: customer_id; items (a JSON array of objects keyed by column name, each with a
-- distinct calendar_date).
-- Returns JSON text {inserted, updated, unchanged, count, items}: items are the stored rows
-- of the batch, by date. Index: endurance_score_pkey (customer_id, calendar_date), the conflict
-- target and the lookup of the unchanged rows.
WITH item AS (
    SELECT
        jsonb_populate_record(
            NULL::endurance_score,
            e.value || jsonb_build_object(
                'customer_id', %(customer_id)s::bigint, 'created_at', now(), 'updated_at', now()
            )
        ) AS row
    FROM jsonb_array_elements(%(items)s::jsonb) AS e
),

upserted AS (
    INSERT INTO endurance_score AS t
    SELECT (item.row).* FROM item
    ON CONFLICT (customer_id, calendar_date) DO UPDATE
        SET
            endurance_score = coalesce(excluded.endurance_score, t.endurance_score),
            endurance_score_classification = coalesce(
                excluded.endurance_score_classification, t.endurance_score_classification
            ),
            endurance_score_classification_lower_limit_intermediate = coalesce(
                excluded.endurance_score_classification_lower_limit_intermediate,
                t.endurance_score_classification_lower_limit_intermediate
            ),
            endurance_score_classification_lower_limit_trained = coalesce(
                excluded.endurance_score_classification_lower_limit_trained,
                t.endurance_score_classification_lower_limit_trained
            ),
            endurance_score_classification_lower_limit_well_trained = coalesce(
                excluded.endurance_score_classification_lower_limit_well_trained,
                t.endurance_score_classification_lower_limit_well_trained
            ),
            endurance_score_classification_lower_limit_expert = coalesce(
                excluded.endurance_score_classification_lower_limit_expert,
                t.endurance_score_classification_lower_limit_expert
            ),
            endurance_score_classification_lower_limit_superior = coalesce(
                excluded.endurance_score_classification_lower_limit_superior,
                t.endurance_score_classification_lower_limit_superior
            ),
            endurance_score_classification_lower_limit_elite = coalesce(
                excluded.endurance_score_classification_lower_limit_elite,
                t.endurance_score_classification_lower_limit_elite
            ),
            endurance_score_contributors = coalesce(
                excluded.endurance_score_contributors, t.endurance_score_contributors
            )
    RETURNING
        t.calendar_date,
        endurance_score_json(t) AS row,
        CASE WHEN t.xmax = 0 THEN 'inserted' ELSE 'updated' END AS outcome
),

unchanged AS (
    SELECT
        stored.calendar_date,
        endurance_score_json(stored) AS row,
        'unchanged' AS outcome
    FROM endurance_score AS stored
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
