-- name: accept_invitation :one
-- The acting user accepts their open invitation to a live family.
-- Params: family_id, customer_id.
-- Returns the membership, or no row when there is no open invitation.
-- Index: family_memberships_family_customer_key; families primary key.
UPDATE family_memberships AS m
SET accepted_at = now()
FROM families AS f
WHERE
    m.family_id = %(family_id)s
    AND m.customer_id = %(customer_id)s
    AND m.accepted_at IS NULL
    AND m.deleted_at IS NULL
    AND f.family_id = m.family_id
    AND f.deleted_at IS NULL
RETURNING
    m.membership_id, m.family_id, m.customer_id, m.role, m.invited_by, m.accepted_at,
    m.created_at, m.updated_at;
