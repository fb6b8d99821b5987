-- name: list_interactions :scalar
-- The clinician's interactions with a patient's digital twins, newest first, one page; the
-- log outlives a deleted twin, so its rows stay listed.
-- Params: customer_id (must own the patient), patient_id, twin_id (NULL = every twin),
-- interaction_type (NULL = any), max_rows, before_id (the last interaction_id of the previous
-- page, NULL for the first).
-- Returns a JSON array (text); NULL (no row) when the patient is not the clinician's.
-- Index: patients primary key; interaction_log_patient_idx (customer_id, patient_id,
-- interaction_id), twin_id and interaction_type filtered within it.
SELECT
    (
        SELECT
            coalesce(
                json_agg(
                    json_build_object(
                        'interaction_id', l.interaction_id,
                        'customer_id', l.customer_id,
                        'token_customer_id', l.token_customer_id,
                        'patient_id', l.patient_id,
                        'twin_id', l.twin_id,
                        'twin_version', l.twin_version,
                        'actor', l.actor,
                        'interaction_type', l.interaction_type,
                        'payload', l.payload,
                        'outcome', l.outcome,
                        'occurred_at', l.occurred_at,
                        'recorded_at', l.recorded_at,
                        'request_id', l.request_id
                    ) ORDER BY l.interaction_id DESC
                ),
                '[]'::json
            )
        FROM (
            SELECT
                i.interaction_id,
                i.customer_id,
                i.token_customer_id,
                i.patient_id,
                i.twin_id,
                i.twin_version,
                i.actor,
                i.interaction_type,
                i.payload,
                i.outcome,
                i.occurred_at,
                i.recorded_at,
                i.request_id
            FROM interaction_log AS i
            WHERE
                i.customer_id = p.customer_id
                AND i.patient_id = p.patient_id
                AND (%(twin_id)s::uuid IS NULL OR i.twin_id = %(twin_id)s::uuid)
                AND (
                    %(interaction_type)s::text IS NULL
                    OR i.interaction_type = %(interaction_type)s::text
                )
                AND i.interaction_id < coalesce(%(before_id)s::bigint, 9223372036854775807)
            ORDER BY i.interaction_id DESC
            LIMIT %(max_rows)s
        ) AS l
    )::text
FROM patients AS p
WHERE p.customer_id = %(customer_id)s AND p.patient_id = %(patient_id)s;
