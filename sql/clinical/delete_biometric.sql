-- name: delete_biometric :none
-- Deletes one reading of one of the clinician's patients. Params: customer_id, patient_id,
-- biometric_id. Returns rows deleted (0 or 1). Index: biometrics and patients primary keys.
DELETE FROM biometrics AS b
USING patients AS p
WHERE
    b.biometric_id = %(biometric_id)s
    AND b.patient_id = %(patient_id)s
    AND p.patient_id = b.patient_id
    AND p.customer_id = %(customer_id)s;
