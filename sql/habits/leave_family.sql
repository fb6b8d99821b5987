-- name: leave_family :scalar
-- The acting user leaves a live family (their membership is soft-deleted), or declines its
-- invitation to their account's current email (deleted, expired or not). The last owner
-- cannot leave (family_memberships_keep_an_owner raises). Params: family_id, customer_id.
-- Returns the membership with deleted_at, or for a declined invitation the same keys
-- (membership_id is the invitation's id, customer_id the user's, accepted_at NULL), or no
-- row when they are neither in the family nor invited.
-- Index: family_memberships_family_customer_key; users primary key; family_invitations_pkey;
-- families primary key.
WITH declined AS (
    DELETE FROM family_invitations AS i
    USING families AS f
    WHERE
        i.family_id = %(family_id)s
        AND i.email_key = (
            SELECT lower(u.email) FROM aiapp.users AS u
            WHERE u.customer_id = %(customer_id)s
        )
        AND f.family_id = i.family_id
        AND f.deleted_at IS NULL
    RETURNING json_build_object(
        'membership_id', i.invitation_id,
        'family_id', i.family_id,
        'customer_id', %(customer_id)s::bigint,
        'role', i.role,
        'invited_by', i.invited_by,
        'accepted_at', NULL::timestamptz,
        'created_at', i.invited_at,
        'updated_at', now(),
        'deleted_at', now()
    ) AS answer
),

left_family AS (
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
    ) AS answer
)

SELECT coalesce((SELECT answer FROM left_family), (SELECT answer FROM declined))::text;
