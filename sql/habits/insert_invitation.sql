-- name: insert_invitation :scalar
-- Invites the account with this email (any letter case) into a live family: a membership
-- with accepted_at NULL. Inviting someone who left revives their row (one row per family and
-- user); a live membership or open invitation is left alone. Only owners and admins invite,
-- and only an owner may invite an owner.
-- Params: family_id, customer_id (the inviter), email, role.
-- Returns the membership, or no row (no such account, already in, or not allowed).
-- The invitee is found by aiapp.customer_id_of_email() (migration 0019): row-level security
-- shows nobody another user's row until they share a family.
-- Index: users_email_lower_key; family_memberships_family_customer_key.
WITH inviter AS (
    SELECT family_role(%(family_id)s, %(customer_id)s) AS role
)

INSERT INTO family_memberships AS m (family_id, customer_id, role, invited_by)
SELECT
    %(family_id)s,
    u.customer_id,
    %(role)s,
    %(customer_id)s AS invited_by
FROM (SELECT aiapp.customer_id_of_email(%(email)s) AS customer_id) AS u
CROSS JOIN inviter
WHERE
    u.customer_id IS NOT NULL
    AND inviter.role IN ('owner', 'admin')
    AND (%(role)s <> 'owner' OR inviter.role = 'owner')
ON CONFLICT (family_id, customer_id) DO UPDATE
    SET
        role = excluded.role,
        invited_by = excluded.invited_by,
        accepted_at = NULL,
        deleted_at = NULL
    WHERE m.deleted_at IS NOT NULL
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
