-- name: list_routines :scalar
-- The live routines the acting user can see (their own and their live families'), each as of
-- its current version, optionally one family's only, as a JSON array in creation order.
-- Params: customer_id, family_id (NULL = all).
-- Returns JSON text. Index: routines_customer_live_idx and routines_family_live_idx,
-- family_memberships_customer_live_idx, routine_versions_one_open_key.
SELECT
    coalesce(
        json_agg(
            routine_json(r, v)
            ORDER BY r.created_at, r.routine_id
        ),
        '[]'::json
    )::text
FROM routines AS r
INNER JOIN routine_versions AS v ON r.routine_id = v.routine_id AND v.effective_to IS NULL
WHERE
    r.deleted_at IS NULL
    AND (
        r.customer_id = %(customer_id)s
        OR r.family_id IN (
            SELECT m.family_id
            FROM family_memberships AS m
            INNER JOIN families AS f ON m.family_id = f.family_id
            WHERE
                m.customer_id = %(customer_id)s
                AND m.accepted_at IS NOT NULL
                AND m.deleted_at IS NULL
                AND f.deleted_at IS NULL
        )
    )
    AND (%(family_id)s::uuid IS NULL OR r.family_id = %(family_id)s::uuid);
