-- name: select_biometric :one
-- One reading of one of the clinician's patients. Params: customer_id, patient_id,
-- biometric_id. Returns the reading, or no row. Index: biometrics primary key (customer_id, id).
SELECT
    b.biometric_id,
    b.patient_id,
    b.type,
    b.recorded_at,
    b.value,
    b.device_id,
    b.metadata,
    b.created_at
FROM biometrics AS b
WHERE
    b.customer_id = %(customer_id)s
    AND b.biometric_id = %(biometric_id)s
    AND b.patient_id = %(patient_id)s;
