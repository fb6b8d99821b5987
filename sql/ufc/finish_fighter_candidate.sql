-- name: finish_fighter_candidate :one
-- Marks a claimed candidate done or failed (with the worker's error), ending its lease.
-- Params: candidate_id, outcome ('done' or 'failed'), error (NULL for done).
-- Returns previous_status and the candidate as JSON text (candidate_json), NULL when it was
-- not claimed (already finished, or never claimed); no row when there is no such candidate.
-- Index: fighter_candidates_id_idx (the worker finishes by id; the owner comes back in the row).
WITH target AS (
    SELECT
        c.customer_id,
        c.id,
        c.status
    FROM fighter_candidates AS c
    WHERE c.id = %(candidate_id)s
    FOR UPDATE
),

finished AS (
    UPDATE fighter_candidates AS c
    SET
        status = %(outcome)s,
        error = %(error)s,
        finished_at = now(),
        lease_expires_at = NULL
    FROM target AS t
    WHERE c.customer_id = t.customer_id AND c.id = t.id AND t.status = 'claimed'
    RETURNING c.id, candidate_json(c)::text AS candidate
)

SELECT
    t.status AS previous_status,
    f.candidate
FROM target AS t
LEFT JOIN finished AS f ON t.id = f.id;
