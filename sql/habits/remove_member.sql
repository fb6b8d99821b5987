-- name: remove_member :scalar
-- Removes a member from a live family (soft delete); only an owner may (an invitation is
-- withdrawn by email: delete_invitation). The last owner cannot be removed
-- (family_memberships_keep_an_owner raises).
-- Params: family_id, customer_id (the owner acting), member_id.
-- Returns the membership with deleted_at, or no row when missing or the caller is no owner.
-- Index: family_memberships_family_customer_key.
UPDATE family_memberships
SET deleted_at = now()
WHERE
    family_id = %(family_id)s
    AND customer_id = %(member_id)s
    AND deleted_at IS NULL
    AND family_role(family_id, %(customer_id)s) = 'owner'
RETURNING json_build_object(
    'membership_id', membership_id,
    'family_id', family_id,
    'customer_id', customer_id,
    'role', role,
    'invited_by', invited_by,
    'accepted_at', accepted_at,
    'created_at', created_at,
    'updated_at', updated_at,
    'deleted_at', deleted_at
)::text;
