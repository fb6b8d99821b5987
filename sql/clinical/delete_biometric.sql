-- name: delete_biometric :none
-- Deletes one reading of one of the clinician's patients. Params: customer_id, patient_id,
-- biometric_id. Returns rows deleted (0 or 1). Index: biometrics primary key (customer_id, id).
DELETE FROM biometrics AS b
WHERE
    b.customer_id = %(customer_id)s
    AND b.biometric_id = %(biometric_id)s
    AND b.patient_id = %(patient_id)s;
