-- name: list_habits :scalar
-- The habit carries habit_type and target_unit also as seed 003's type and unit.
-- The live habits the acting user can see: their own and those of the live families they
-- are an accepted member of, optionally only one family's and only active or inactive ones,
-- as a JSON array in creation order.
-- Params: customer_id, family_id (NULL = all), active (NULL = both).
-- Returns JSON text. Index: habits_customer_live_idx and habits_family_live_idx (a bitmap OR),
-- family_memberships_customer_live_idx.
SELECT
    coalesce(
        json_agg(
            habit_json(h)
            ORDER BY h.created_at, h.habit_id
        ),
        '[]'::json
    )::text
FROM habits AS h
WHERE
    h.deleted_at IS NULL
    AND (
        h.customer_id = %(customer_id)s
        OR h.family_id IN (
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
    AND (%(family_id)s::uuid IS NULL OR h.family_id = %(family_id)s::uuid)
    AND (%(active)s::boolean IS NULL OR h.active = %(active)s::boolean);
