-- name: list_access_log :scalar
-- Who accessed a patient's data through the API, newest first, one page (every clinician's
-- attempts, refused ones too). Params: customer_id (must own the patient), patient_id, max_rows,
-- before_id (the last access_id of the previous page, NULL for the first).
-- Returns a JSON array (text); NULL (no row) when the patient is not the clinician's.
-- Index: patients primary key; access_log_patient_idx (patient_id, access_id).
SELECT
    (
        SELECT coalesce(json_agg(l ORDER BY l.access_id DESC), '[]'::json)
        FROM (
            SELECT
                r.access_id,
                r.customer_id,
                r.token_customer_id,
                r.patient_id,
                r.action,
                r.status_code,
                r.request_id,
                r.accessed_at
            FROM access_log AS r
            WHERE
                r.patient_id = p.patient_id
                AND r.access_id < coalesce(%(before_id)s::bigint, 9223372036854775807)
            ORDER BY r.access_id DESC
            LIMIT %(max_rows)s
        ) AS l
    )::text
FROM patients AS p
WHERE p.customer_id = %(customer_id)s AND p.patient_id = %(patient_id)s;
