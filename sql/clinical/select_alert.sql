-- name: select_alert :one
-- One alert of one of the clinician's patients. Params: customer_id, patient_id, alert_id.
-- Returns the alert, or no row. Index: alerts and patients primary keys.
SELECT
    a.alert_id,
    a.patient_id,
    a.type,
    a.priority,
    a.status,
    a.message,
    a.data,
    a.resolved_at,
    a.resolution_notes,
    a.created_at,
    a.updated_at
FROM alerts AS a
INNER JOIN patients AS p ON a.patient_id = p.patient_id
WHERE
    a.alert_id = %(alert_id)s
    AND a.patient_id = %(patient_id)s
    AND p.customer_id = %(customer_id)s;
