-- name: claim_fighter_candidate :scalar
-- Hands the oldest claimable candidate to one worker for lease_seconds: a pending one, or one
-- whose previous claim lapsed (its worker died). SKIP LOCKED makes concurrent workers pass over
-- a row another is claiming, so no two get the same candidate and none waits for another.
-- Params: lease_seconds.
-- Returns the claimed candidate as JSON text (candidate_json), or no row when none is claimable.
-- Index: fighter_candidates_claimable_idx.
WITH next AS (
    SELECT
        c.customer_id,
        c.id
    FROM fighter_candidates AS c
    WHERE
        c.status IN ('pending', 'claimed')
        AND (c.status = 'pending' OR c.lease_expires_at <= now())
    ORDER BY c.created_at, c.id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
)

UPDATE fighter_candidates AS c
SET
    status = 'claimed',
    attempts = c.attempts + 1,
    claimed_at = now(),
    lease_expires_at = now() + make_interval(secs => %(lease_seconds)s)
FROM next
WHERE c.customer_id = next.customer_id AND c.id = next.id
RETURNING candidate_json(c)::text AS candidate;
