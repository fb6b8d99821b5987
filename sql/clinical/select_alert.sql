-- name: select_alert :one
-- One alert of one of the clinician's patients. Params: customer_id, patient_id, alert_id.
-- Returns the alert, or no row. Index: alerts primary key (customer_id, id).
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
WHERE
    a.customer_id = %(customer_id)s
    AND a.alert_id = %(alert_id)s
    AND a.patient_id = %(patient_id)s;
