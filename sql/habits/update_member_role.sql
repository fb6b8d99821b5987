-- name: update_member_role :scalar
-- Changes a member's role; only an owner of the live family may. Taking the owner role from
-- the last owner is refused by family_memberships_keep_an_owner.
-- Params: family_id, customer_id (the owner acting), member_id, role.
-- Returns the membership, or no row when the member is missing or the caller is no owner.
-- Index: family_memberships_family_customer_key.
UPDATE family_memberships
SET role = %(role)s
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
    'updated_at', updated_at
)::text;
