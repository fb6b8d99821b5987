-- name: insert_interaction :one
-- Appends one interaction with a digital twin of one of the clinician's patients: who
-- (customer_id, the clinician acted for; token_customer_id, whose token; actor), which twin
-- and twin version (NULL = the twin's current one), when, the type, its payload and outcome.
-- Params: customer_id, token_customer_id, patient_id, twin_id, twin_version, actor,
-- interaction_type, payload (JSON object text), outcome (JSON object text), occurred_at (NULL =
-- now), request_id.
-- Returns one row: current_version (NULL when the twin is not the clinician's) and interaction
-- (JSON text; NULL when twin_version is later than the twin's current version).
-- Index: digital_twins primary key (customer_id, twin_id).
WITH twin AS (
    SELECT
        t.twin_id,
        t.patient_id,
        t.version
    FROM digital_twins AS t
    WHERE
        t.customer_id = %(customer_id)s
        AND t.twin_id = %(twin_id)s
        AND t.patient_id = %(patient_id)s
),

appended AS (
    INSERT INTO interaction_log AS i (
        customer_id, token_customer_id, patient_id, twin_id, twin_version, actor,
        interaction_type, payload, outcome, occurred_at, request_id
    )
    SELECT
        %(customer_id)s,
        %(token_customer_id)s,
        twin.patient_id,
        twin.twin_id,
        coalesce(%(twin_version)s::integer, twin.version) AS twin_version,
        %(actor)s,
        %(interaction_type)s,
        %(payload)s::jsonb,
        %(outcome)s::jsonb,
        coalesce(%(occurred_at)s::timestamptz, now()) AS occurred_at,
        %(request_id)s
    FROM twin
    WHERE coalesce(%(twin_version)s::integer, twin.version) <= twin.version
    RETURNING json_build_object(
        'interaction_id', i.interaction_id,
        'customer_id', i.customer_id,
        'token_customer_id', i.token_customer_id,
        'patient_id', i.patient_id,
        'twin_id', i.twin_id,
        'twin_version', i.twin_version,
        'actor', i.actor,
        'interaction_type', i.interaction_type,
        'payload', i.payload,
        'outcome', i.outcome,
        'occurred_at', i.occurred_at,
        'recorded_at', i.recorded_at,
        'request_id', i.request_id
    )::text AS interaction
)

SELECT
    (SELECT twin.version FROM twin) AS current_version,
    (SELECT appended.interaction FROM appended) AS interaction;
