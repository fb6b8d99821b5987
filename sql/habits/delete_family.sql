-- name: delete_family :scalar
-- Soft-deletes a family: it, its habits, routines and logs disappear from every read until an
-- owner restores it. Only an owner may. Params: family_id, customer_id.
-- Returns the family with deleted_at, or no row when missing or not allowed.
-- Index: families primary key; family_memberships_family_customer_key.
UPDATE families
SET deleted_at = now()
WHERE
    family_id = %(family_id)s
    AND deleted_at IS NULL
    AND family_role(family_id, %(customer_id)s) = 'owner'
RETURNING json_build_object(
    'family_id', family_id,
    'name', name,
    'created_at', created_at,
    'updated_at', updated_at,
    'deleted_at', deleted_at
)::text;
