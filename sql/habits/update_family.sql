-- name: update_family :scalar
-- Renames a live family; only its owners and admins may. Params: family_id, customer_id, name.
-- Returns the family, or no row when it is missing or the caller may not change it.
-- Index: families primary key; family_memberships_family_customer_key.
UPDATE families
SET name = %(name)s
WHERE
    family_id = %(family_id)s
    AND deleted_at IS NULL
    AND family_role(family_id, %(customer_id)s) IN ('owner', 'admin')
RETURNING json_build_object(
    'family_id', family_id,
    'name', name,
    'created_at', created_at,
    'updated_at', updated_at
)::text;
