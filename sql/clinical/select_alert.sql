-- name: select_alert :scalar
-- One alert of one of the clinician's patients. Params: customer_id, patient_id, alert_id.
-- Returns the alert as JSON text, or no row. Index: alerts primary key (customer_id, id).
SELECT alert_json(a)::text
FROM alerts AS a
WHERE
    a.customer_id = %(customer_id)s
    AND a.alert_id = %(alert_id)s
    AND a.patient_id = %(patient_id)s;
