-- name: insert_twin :scalar
-- Creates a digital twin (version 1) for one of the clinician's patients.
-- Params: customer_id, patient_id, type, name, description, data (JSON object text).
-- Returns the twin as JSON text, or no row when the patient is not the clinician's.
-- Index: patients primary key.
INSERT INTO digital_twins AS t (customer_id, patient_id, type, name, description, data)
SELECT
    p.customer_id,
    p.patient_id,
    %(type)s,
    %(name)s,
    %(description)s,
    %(data)s::jsonb
FROM patients AS p
WHERE p.customer_id = %(customer_id)s AND p.patient_id = %(patient_id)s
RETURNING twin_json(t)::text;
