-- name: select_alert :scalar
-- One alert of one of the clinician's patients. Params: customer_id, patient_id, alert_id.
-- Returns the alert as JSON text, or no row. Index: alerts and patients primary keys.
SELECT alert_json(a)::text
FROM alerts AS a
INNER JOIN patients AS p ON a.patient_id = p.patient_id
WHERE
    a.alert_id = %(alert_id)s
    AND a.patient_id = %(patient_id)s
    AND p.customer_id = %(customer_id)s;
