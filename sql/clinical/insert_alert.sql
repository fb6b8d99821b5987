-- name: insert_alert :one
-- Raises an alert (status open) for one of the clinician's patients. Params: customer_id,
-- patient_id, type, priority (NULL -> 'medium'), message, data (JSON object text).
-- Returns the alert, or no row when the patient is not the clinician's.
-- Index: patients primary key.
INSERT INTO alerts (customer_id, patient_id, type, priority, message, data)
SELECT
    p.customer_id,
    p.patient_id,
    %(type)s,
    coalesce(%(priority)s, 'medium') AS priority,
    %(message)s,
    %(data)s::jsonb
FROM patients AS p
WHERE p.customer_id = %(customer_id)s AND p.patient_id = %(patient_id)s
RETURNING
    alert_id, patient_id, type, priority, status, message, data, resolved_at,
    resolution_notes, created_at, updated_at;
