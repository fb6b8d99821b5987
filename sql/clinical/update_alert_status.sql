-- name: update_alert_status :scalar
-- Moves an alert to a new status, with the notes that explain a closing (NULL otherwise).
-- resolved_at is set when the status becomes resolved. The alerts_status_transition trigger
-- refuses a change clinical.alert_transitions does not list (SQLSTATE 55000); resolving
-- without notes breaks alerts_resolution_notes_required. Params: customer_id, patient_id,
-- alert_id, status, resolution_notes. Returns the alert as JSON text, or no row when it is not
-- the clinician's. Index: alerts primary key (customer_id, id). status is cast to text both
-- times it is used so that PostgreSQL deduces one type for it (the column is the alert_status
-- domain).
UPDATE alerts AS a
SET
    status = %(status)s::text,
    resolution_notes = %(resolution_notes)s,
    resolved_at = CASE WHEN %(status)s::text = 'resolved' THEN now() END
WHERE
    a.customer_id = %(customer_id)s
    AND a.alert_id = %(alert_id)s
    AND a.patient_id = %(patient_id)s
RETURNING alert_json(a)::text;
