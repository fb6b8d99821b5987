-- name: upsert_body_composition :scalar
-- Stores body composition: one row per (customer_id, calendar_date), a whole batch in
-- one statement. A field that is null or absent keeps its stored value; a row that would not
-- change is dropped by the table's *_skip_unchanged trigger, so it keeps its updated_at.
-- RETURNING tells inserts from updates by xmax, which is 0 only on a freshly inserted row.
-- Params: customer_id; items (a JSON array of objects keyed by column name, each with a
-- distinct calendar_date).
-- Returns JSON text {inserted, updated, unchanged, count, items}: items are the stored rows
-- of the batch, by date. Index: body_composition_pkey (customer_id, calendar_date), the conflict
-- target and the lookup of the unchanged rows.
WITH item AS (
    SELECT
        jsonb_populate_record(
            NULL::body_composition,
            e.value || jsonb_build_object(
                'customer_id', %(customer_id)s::bigint, 'created_at', now(), 'updated_at', now()
            )
        ) AS row
    FROM jsonb_array_elements(%(items)s::jsonb) AS e
),

upserted AS (
    INSERT INTO body_composition AS t
    SELECT (item.row).* FROM item
    ON CONFLICT (customer_id, calendar_date) DO UPDATE
        SET
            weight = coalesce(excluded.weight, t.weight),
            bmi = coalesce(excluded.bmi, t.bmi),
            body_fat_mass = coalesce(excluded.body_fat_mass, t.body_fat_mass),
            body_fat_percentage = coalesce(excluded.body_fat_percentage, t.body_fat_percentage),
            body_water_mass = coalesce(excluded.body_water_mass, t.body_water_mass),
            body_water_percentage = coalesce(
                excluded.body_water_percentage, t.body_water_percentage
            ),
            bone_mass = coalesce(excluded.bone_mass, t.bone_mass),
            bone_mass_percentage = coalesce(excluded.bone_mass_percentage, t.bone_mass_percentage),
            muscle_mass = coalesce(excluded.muscle_mass, t.muscle_mass),
            muscle_mass_percentage = coalesce(
                excluded.muscle_mass_percentage, t.muscle_mass_percentage
            ),
            visceral_fat = coalesce(excluded.visceral_fat, t.visceral_fat),
            basal_metabolic_rate = coalesce(excluded.basal_metabolic_rate, t.basal_metabolic_rate)
    RETURNING
        t.calendar_date,
        body_composition_json(t) AS row,
        CASE WHEN t.xmax = 0 THEN 'inserted' ELSE 'updated' END AS outcome
),

unchanged AS (
    SELECT
        stored.calendar_date,
        body_composition_json(stored) AS row,
        'unchanged' AS outcome
    FROM body_composition AS stored
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
