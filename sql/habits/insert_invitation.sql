-- name: insert_invitation :scalar
-- Invites an email (any letter case) into a live family, whether or not an account has it:
-- the statement never asks, so both answers are the same work and the same row. Inviting a
-- pending (or expired) email again renews it with this role, inviter and expiry. Only owners
-- and admins invite; only an owner invites an owner or changes an owner's invitation. The
-- email of a live member of the family (whom the inviter sees in its member list) is not
-- invited. Params: family_id, customer_id (the inviter), email, role, valid_days.
-- Returns the invitation, or no row (not allowed, or already a member).
-- Index: family_invitations_pkey; family_memberships_family_live_idx and users primary key,
-- or users_email_lower_key (the member check); family_memberships_family_customer_key.
WITH inviter AS (
    SELECT family_role(%(family_id)s, %(customer_id)s) AS role
)

INSERT INTO family_invitations AS i (family_id, email, role, invited_by, expires_at)
SELECT
    %(family_id)s,
    %(email)s,
    %(role)s,
    %(customer_id)s AS invited_by,
    now() + make_interval(days => %(valid_days)s) AS expires_at
FROM inviter
WHERE
    inviter.role IN ('owner', 'admin')
    AND (%(role)s <> 'owner' OR inviter.role = 'owner')
    AND NOT EXISTS (
        SELECT FROM family_memberships AS m
        INNER JOIN aiapp.users AS u ON m.customer_id = u.customer_id
        WHERE
            m.family_id = %(family_id)s
            AND m.deleted_at IS NULL
            AND lower(u.email) = lower(%(email)s)
    )
ON CONFLICT (family_id, email_key) DO UPDATE
    SET
        email = excluded.email,
        role = excluded.role,
        invited_by = excluded.invited_by,
        invited_at = excluded.invited_at,
        expires_at = excluded.expires_at
    WHERE i.role <> 'owner' OR family_role(i.family_id, excluded.invited_by) = 'owner'
RETURNING invitation_json(i)::text;
