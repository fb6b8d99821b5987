-- name: select_alert :scalar
-- One alert of one of the clinician's patients. Params: customer_id, patient_id, alert_id.
-- Returns the alert as JSON text, or no row. Index: alerts and patients primary keys.
SELECT
    json_build_object(
        'alert_id', a.alert_id,
        'patient_id', a.patient_id,
        'type', a.type,
        'priority', a.priority,
        'status', a.status,
        'message', a.message,
        'data', a.data,
        'resolved_at', a.resolved_at,
        'resolution_notes', a.resolution_notes,
        'created_at', a.created_at,
        'updated_at', a.updated_at
    )::text
FROM alerts AS a
INNER JOIN patients AS p ON a.patient_id = p.patient_id
WHERE
    a.alert_id = %(alert_id)s
    AND a.patient_id = %(patient_id)s
    AND p.customer_id = %(customer_id)s;
