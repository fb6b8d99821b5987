-- name: update_twin :scalar
-- Changes the fields the patch names (absent keeps, null clears description; the schema
-- refuses null for the others) of one twin; the digital_twins_bump_version trigger adds 1 to
-- its version. Params: customer_id, patient_id, twin_id, patch (jsonb keyed by column).
-- Returns the twin as JSON text, or no row when it is not the clinician's.
-- Index: digital_twins primary key (customer_id, id).
UPDATE digital_twins AS t
SET
    type = CASE WHEN %(patch)s::jsonb ? 'type' THEN r.type ELSE t.type END,
    name = CASE WHEN %(patch)s::jsonb ? 'name' THEN r.name ELSE t.name END,
    description = CASE
        WHEN %(patch)s::jsonb ? 'description' THEN r.description ELSE t.description
    END,
    data = CASE WHEN %(patch)s::jsonb ? 'data' THEN r.data ELSE t.data END
FROM jsonb_populate_record(NULL::digital_twins, %(patch)s::jsonb) AS r
WHERE
    t.customer_id = %(customer_id)s
    AND t.twin_id = %(twin_id)s
    AND t.patient_id = %(patient_id)s
RETURNING twin_json(t)::text;
