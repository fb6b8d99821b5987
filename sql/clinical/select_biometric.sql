-- name: select_biometric :scalar
-- One reading of one of the clinician's patients. Params: customer_id, patient_id, biometric_id.
-- Returns the reading as JSON text, or no row. Index: biometrics and patients primary keys.
SELECT biometric_json(b)::text
FROM biometrics AS b
INNER JOIN patients AS p ON b.patient_id = p.patient_id
WHERE
    b.biometric_id = %(biometric_id)s
    AND b.patient_id = %(patient_id)s
    AND p.customer_id = %(customer_id)s;
