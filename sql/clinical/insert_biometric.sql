-- name: insert_biometric :scalar
-- Records one biometric reading of one of the clinician's patients. Params: customer_id,
-- patient_id, type, recorded_at, value (JSON object text, shape per type), device_id, metadata
-- (JSON object text). Returns the reading as JSON text, or no row when the patient is not the
-- clinician's; a value that does not fit its type breaks biometrics_value_fits_type. Index:
-- patients primary key.
INSERT INTO biometrics AS b (customer_id, patient_id, type, recorded_at, value, device_id, metadata)
SELECT
    p.customer_id,
    p.patient_id,
    %(type)s,
    %(recorded_at)s,
    %(value)s::jsonb,
    %(device_id)s,
    %(metadata)s::jsonb
FROM patients AS p
WHERE p.customer_id = %(customer_id)s AND p.patient_id = %(patient_id)s
RETURNING biometric_json(b)::text;
