-- name: select_twin :scalar
-- One digital twin of one of the clinician's patients. Params: customer_id, patient_id, twin_id.
-- Returns the twin as JSON text, or no row. Index: digital_twins and patients primary keys.
SELECT twin_json(t)::text
FROM digital_twins AS t
INNER JOIN patients AS p ON t.patient_id = p.patient_id
WHERE
    t.twin_id = %(twin_id)s
    AND t.patient_id = %(patient_id)s
    AND p.customer_id = %(customer_id)s;
