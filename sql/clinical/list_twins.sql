-- name: list_twins :scalar
-- A patient's digital twins, oldest first. Params: customer_id, patient_id.
-- Returns a JSON array (text), '[]' when there are none; NULL (no row) when the patient is not
-- the clinician's. Index: patients primary key; digital_twins_patient_idx.
SELECT
    (
        SELECT coalesce(json_agg(t ORDER BY t.created_at, t.twin_id), '[]'::json)
        FROM (
            SELECT
                d.twin_id,
                d.patient_id,
                d.type,
                d.name,
                d.description,
                d.version,
                d.data,
                d.created_at,
                d.updated_at
            FROM digital_twins AS d
            WHERE d.customer_id = p.customer_id AND d.patient_id = p.patient_id
        ) AS t
    )::text
FROM patients AS p
WHERE p.customer_id = %(customer_id)s AND p.patient_id = %(patient_id)s;
