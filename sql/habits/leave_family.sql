-- name: leave_family :one
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
RETURNING
    m.membership_id, m.family_id, m.customer_id, m.role, m.invited_by, m.accepted_at,
    m.created_at, m.updated_at, m.deleted_at;
