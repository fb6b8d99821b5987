-- name: update_biometric :scalar
-- Replaces one reading (a correction: every field is sent again). Params: customer_id,
-- patient_id, biometric_id, type, recorded_at, value (JSON object text), device_id, metadata
-- (JSON object text). Returns the reading as JSON text, or no row when it is not the
-- clinician's. Index: biometrics primary key (customer_id, id).
UPDATE biometrics AS b
SET
    type = %(type)s,
    recorded_at = %(recorded_at)s,
    value = %(value)s::jsonb,
    device_id = %(device_id)s,
    metadata = %(metadata)s::jsonb
WHERE
    b.customer_id = %(customer_id)s
    AND b.biometric_id = %(biometric_id)s
    AND b.patient_id = %(patient_id)s
RETURNING biometric_json(b)::text;
