-- name: insert_alert :scalar
-- Raises an alert (status open) for one of the clinician's patients. Params: customer_id,
-- patient_id, type, priority (NULL -> 'medium'), message, data (JSON object text).
-- Returns the alert as JSON text, or no row when the patient is not the clinician's.
-- Index: patients primary key.
INSERT INTO alerts (patient_id, type, priority, message, data)
SELECT
    p.patient_id,
    %(type)s,
    coalesce(%(priority)s, 'medium') AS priority,
    %(message)s,
    %(data)s::jsonb
FROM patients AS p
WHERE p.patient_id = %(patient_id)s AND p.customer_id = %(customer_id)s
RETURNING json_build_object(
    'alert_id', alert_id,
    'patient_id', patient_id,
    'type', type,
    'priority', priority,
    'status', status,
    'message', message,
    'data', data,
    'resolved_at', resolved_at,
    'resolution_notes', resolution_notes,
    'created_at', created_at,
    'updated_at', updated_at
)::text;
