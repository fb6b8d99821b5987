-- name: update_twin :one
-- Changes the fields present in `changes` (JSON object; absent keys keep their value) of one
-- twin; the digital_twins_bump_version trigger adds 1 to its version. Params: customer_id,
-- patient_id, twin_id, changes. Returns the twin, or no row when it is not the clinician's.
-- Index: digital_twins primary key (customer_id, id).
UPDATE digital_twins AS t
SET (type, name, description, data) = (
    SELECT
        r.type,
        r.name,
        r.description,
        r.data
    FROM jsonb_populate_record(t.*, %(changes)s::jsonb) AS r
)
WHERE
    t.customer_id = %(customer_id)s
    AND t.twin_id = %(twin_id)s
    AND t.patient_id = %(patient_id)s
RETURNING
    t.twin_id, t.patient_id, t.type, t.name, t.description, t.version, t.data, t.created_at,
    t.updated_at;
