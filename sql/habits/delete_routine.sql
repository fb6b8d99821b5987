-- name: delete_routine :scalar
-- Soft-deletes a routine with its history; only its owner, or the owning family's owners and
-- admins, may. Params: routine_id, customer_id.
-- Returns the routine row with deleted_at, or no row when missing or not allowed.
-- Index: routines primary key; family_memberships_family_customer_key.
UPDATE routines
SET deleted_at = now()
WHERE
    routine_id = %(routine_id)s
    AND deleted_at IS NULL
    AND owner_role(customer_id, family_id, %(customer_id)s) IN ('owner', 'admin')
RETURNING json_build_object(
    'routine_id', routine_id,
    'customer_id', customer_id,
    'family_id', family_id,
    'created_at', created_at,
    'updated_at', updated_at,
    'deleted_at', deleted_at
)::text;
