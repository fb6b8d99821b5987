-- name: select_patient :scalar
-- One of the clinician's patients. Params: customer_id, patient_id.
-- Returns the patient as JSON text, or no row when it does not exist or is another clinician's.
-- Index: patients primary key.
SELECT patient_json(p)::text
FROM patients AS p
WHERE customer_id = %(customer_id)s AND patient_id = %(patient_id)s;
