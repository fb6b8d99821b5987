-- name: accept_invitation :scalar
-- The acting user accepts the unexpired invitation of a live family to their account's
-- current email: it becomes their membership (a row they left or were removed from is
-- revived, one row per family and user) and the invitation is deleted, in one statement.
-- Params: family_id, customer_id.
-- Returns the membership, or no row when there is no open invitation (or they are already a
-- live member: the view's 404 then rolls the deletion back).
-- Index: users primary key; family_invitations_pkey; families primary key;
-- family_memberships_family_customer_key.
WITH invitation AS (
    DELETE FROM family_invitations AS i
    USING families AS f
    WHERE
        i.family_id = %(family_id)s
        AND i.email_key = (
            SELECT lower(u.email) FROM aiapp.users AS u
            WHERE u.customer_id = %(customer_id)s
        )
        AND i.expires_at > now()
        AND f.family_id = i.family_id
        AND f.deleted_at IS NULL
    RETURNING i.family_id, i.role, i.invited_by
)

INSERT INTO family_memberships AS m (family_id, customer_id, role, invited_by, accepted_at)
SELECT
    invitation.family_id,
    %(customer_id)s,
    invitation.role,
    invitation.invited_by,
    now() AS accepted_at
FROM invitation
ON CONFLICT (family_id, customer_id) DO UPDATE
    SET
        role = excluded.role,
        invited_by = excluded.invited_by,
        accepted_at = excluded.accepted_at,
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
