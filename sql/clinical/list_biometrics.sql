-- name: list_biometrics :scalar
-- A patient's readings of some types in a time window, newest first, one page.
-- Params: customer_id, patient_id, types (text[]: the one asked for, or every type),
-- recorded_from (inclusive, NULL = no bound), recorded_to (exclusive, NULL = no bound), max_rows,
-- before_id (the last biometric_id of the previous page, NULL for the first page: keyset on
-- (recorded_at, biometric_id)). Returns a JSON array (text), '[]' when none match; NULL (no
-- row) when the patient is not the clinician's.
-- Index: biometrics_patient_type_recorded_idx (customer_id, patient_id, type = ANY,
-- recorded_at range);
-- patients and biometrics primary keys for the owner and the cursor.
SELECT
    (
        SELECT coalesce(json_agg(b ORDER BY b.recorded_at DESC, b.biometric_id DESC), '[]'::json)
        FROM (
            SELECT
                r.biometric_id,
                r.patient_id,
                r.type,
                r.recorded_at,
                r.value,
                r.device_id,
                r.metadata,
                r.created_at
            FROM biometrics AS r
            WHERE
                r.customer_id = p.customer_id
                AND r.patient_id = p.patient_id
                AND r.type = any(%(types)s::text[])
                AND r.recorded_at >= coalesce(%(recorded_from)s::timestamptz, '-infinity')
                AND r.recorded_at < coalesce(%(recorded_to)s::timestamptz, 'infinity')
                AND (
                    %(before_id)s::bigint IS NULL
                    OR (r.recorded_at, r.biometric_id) < (
                        SELECT
                            c.recorded_at,
                            c.biometric_id
                        FROM biometrics AS c
                        WHERE
                            c.customer_id = p.customer_id
                            AND c.biometric_id = %(before_id)s
                            AND c.patient_id = p.patient_id
                    )
                )
            ORDER BY r.recorded_at DESC, r.biometric_id DESC
            LIMIT %(max_rows)s
        ) AS b
    )::text
FROM patients AS p
WHERE p.customer_id = %(customer_id)s AND p.patient_id = %(patient_id)s;
