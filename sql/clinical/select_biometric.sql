-- name: select_biometric :scalar
-- One reading of one of the clinician's patients. Params: customer_id, patient_id, biometric_id.
-- Returns the reading as JSON text, or no row. Index: biometrics and patients primary keys.
SELECT
    json_build_object(
        'biometric_id', b.biometric_id,
        'patient_id', b.patient_id,
        'type', b.type,
        'recorded_at', b.recorded_at,
        'value', b.value,
        'device_id', b.device_id,
        'metadata', b.metadata,
        'created_at', b.created_at
    )::text
FROM biometrics AS b
INNER JOIN patients AS p ON b.patient_id = p.patient_id
WHERE
    b.biometric_id = %(biometric_id)s
    AND b.patient_id = %(patient_id)s
    AND p.customer_id = %(customer_id)s;
