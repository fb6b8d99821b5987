-- name: update_biometric :scalar
-- Replaces one reading (a correction: every field is sent again). Params: customer_id,
-- patient_id, biometric_id, type, recorded_at, value (JSON object text), device_id, metadata
-- (JSON object text). Returns the reading as JSON text, or no row when it is not the clinician's.
-- Index: biometrics and patients primary keys.
UPDATE biometrics AS b
SET
    type = %(type)s,
    recorded_at = %(recorded_at)s,
    value = %(value)s::jsonb,
    device_id = %(device_id)s,
    metadata = %(metadata)s::jsonb
FROM patients AS p
WHERE
    b.biometric_id = %(biometric_id)s
    AND b.patient_id = %(patient_id)s
    AND p.patient_id = b.patient_id
    AND p.customer_id = %(customer_id)s
RETURNING json_build_object(
    'biometric_id', b.biometric_id,
    'patient_id', b.patient_id,
    'type', b.type,
    'recorded_at', b.recorded_at,
    'value', b.value,
    'device_id', b.device_id,
    'metadata', b.metadata,
    'created_at', b.created_at
)::text;
