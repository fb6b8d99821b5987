-- name: accept_invitation :scalar
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
RETURNING json_build_object(
    'membership_id', m.membership_id,
    'family_id', m.family_id,
    'customer_id', m.customer_id,
    'role', m.role,
    'invited_by', m.invited_by,
    'accepted_at', m.accepted_at,
    'created_at', m.created_at,
    'updated_at', m.updated_at
)::text;
