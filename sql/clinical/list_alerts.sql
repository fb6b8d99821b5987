-- name: list_alerts :scalar
-- A patient's alerts of some statuses, newest first, one page. Params: customer_id,
-- patient_id, statuses (text[]: the one asked for, or every status), max_rows, skip_rows.
-- Returns a JSON array (text), '[]' when none match; NULL (no row) when the patient is not the
-- clinician's. Index: patients primary key; alerts_patient_status_idx.
SELECT
    (
        SELECT coalesce(json_agg(a ORDER BY a.created_at DESC, a.alert_id ASC), '[]'::json)
        FROM (
            SELECT
                r.alert_id,
                r.patient_id,
                r.type,
                r.priority,
                r.status,
                r.message,
                r.data,
                r.resolved_at,
                r.resolution_notes,
                r.created_at,
                r.updated_at
            FROM alerts AS r
            WHERE
                r.customer_id = p.customer_id
                AND r.patient_id = p.patient_id
                AND r.status = any(%(statuses)s::text[])
            ORDER BY r.created_at DESC, r.alert_id ASC
            LIMIT %(max_rows)s OFFSET %(skip_rows)s
        ) AS a
    )::text
FROM patients AS p
WHERE p.customer_id = %(customer_id)s AND p.patient_id = %(patient_id)s;
