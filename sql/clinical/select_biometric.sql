-- name: select_biometric :scalar
-- One reading of one of the clinician's patients. Params: customer_id, patient_id, biometric_id.
-- Returns the reading as JSON text, or no row. Index: biometrics primary key (customer_id, id).
SELECT biometric_json(b)::text
FROM biometrics AS b
WHERE
    b.customer_id = %(customer_id)s
    AND b.biometric_id = %(biometric_id)s
    AND b.patient_id = %(patient_id)s;
