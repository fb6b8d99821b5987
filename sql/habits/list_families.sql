-- name: list_families :scalar
-- The live families the acting user belongs to or is invited to (accepted_at NULL), with
-- their role, as a JSON array ordered by name. Params: customer_id.
-- Returns JSON text. Index: family_memberships_customer_live_idx, families primary key.
SELECT
    coalesce(
        json_agg(
            json_build_object(
                'family_id', f.family_id,
                'name', f.name,
                'role', m.role,
                'accepted_at', m.accepted_at,
                'created_at', f.created_at,
                'updated_at', f.updated_at
            )
            ORDER BY f.name, f.family_id
        ),
        '[]'::json
    )::text
FROM family_memberships AS m
INNER JOIN families AS f ON m.family_id = f.family_id
WHERE
    m.customer_id = %(customer_id)s
    AND m.deleted_at IS NULL
    AND f.deleted_at IS NULL;
