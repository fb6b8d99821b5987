-- name: leave_family :scalar
-- The acting user leaves a live family, or declines its invitation: their membership is
-- soft-deleted. The last owner cannot leave (family_memberships_keep_an_owner raises).
-- Params: family_id, customer_id.
-- Returns the membership with deleted_at, or no row when they are not in the family.
-- Index: family_memberships_family_customer_key; families primary key.
UPDATE family_memberships AS m
SET deleted_at = now()
FROM families AS f
WHERE
    m.family_id = %(family_id)s
    AND m.customer_id = %(customer_id)s
    AND m.deleted_at IS NULL
    AND f.family_id = m.family_id
    AND f.deleted_at IS NULL
RETURNING json_build_object(
    'membership_id', m.membership_id,
    'family_id', m.family_id,
    'customer_id', m.customer_id,
    'role', m.role,
    'invited_by', m.invited_by,
    'accepted_at', m.accepted_at,
    'created_at', m.created_at,
    'updated_at', m.updated_at,
    'deleted_at', m.deleted_at
)::text;
