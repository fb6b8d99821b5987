-- name: select_twin :scalar
-- One digital twin of one of the clinician's patients. Params: customer_id, patient_id, twin_id.
-- Returns the twin as JSON text, or no row. Index: digital_twins primary key (customer_id, id).
SELECT twin_json(t)::text
FROM digital_twins AS t
WHERE
    t.customer_id = %(customer_id)s
    AND t.twin_id = %(twin_id)s
    AND t.patient_id = %(patient_id)s;
