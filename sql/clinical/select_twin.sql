-- name: select_twin :one
-- One digital twin of one of the clinician's patients. Params: customer_id, patient_id,
-- twin_id. Returns the twin, or no row. Index: digital_twins primary key (customer_id, id).
SELECT
    t.twin_id,
    t.patient_id,
    t.type,
    t.name,
    t.description,
    t.version,
    t.data,
    t.created_at,
    t.updated_at
FROM digital_twins AS t
WHERE
    t.customer_id = %(customer_id)s
    AND t.twin_id = %(twin_id)s
    AND t.patient_id = %(patient_id)s;
