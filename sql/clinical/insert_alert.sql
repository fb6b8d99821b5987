-- name: insert_alert :scalar
-- Raises an alert (status open) for one of the clinician's patients. Params: customer_id,
-- patient_id, type, priority (NULL -> 'medium'), message, data (JSON object text).
-- Returns the alert as JSON text, or no row when the patient is not the clinician's.
-- Index: patients primary key.
INSERT INTO alerts AS a (customer_id, patient_id, type, priority, message, data)
SELECT
    p.customer_id,
    p.patient_id,
    %(type)s,
    coalesce(%(priority)s, 'medium') AS priority,
    %(message)s,
    %(data)s::jsonb
FROM patients AS p
WHERE p.customer_id = %(customer_id)s AND p.patient_id = %(patient_id)s
RETURNING alert_json(a)::text;
