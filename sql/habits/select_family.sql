-- name: select_family :scalar
-- One live family the acting user is a member of, with their role, the family's members and,
-- for its owners and admins, its invitations (expired ones too, to renew or withdraw) as the
-- email the inviter typed: a pending invitee's account, if any, is not shown. Built as JSON.
-- Params: family_id, customer_id.
-- Returns JSON text, or NULL when the caller is not a member (or the family is deleted).
-- Index: family_memberships_family_customer_key, family_memberships_family_live_idx,
-- family_invitations_pkey.
SELECT
    json_build_object(
        'family_id', f.family_id,
        'name', f.name,
        'role', me.role,
        'accepted_at', me.accepted_at,
        'created_at', f.created_at,
        'updated_at', f.updated_at,
        'members', (
            SELECT
                json_agg(
                    json_build_object(
                        'customer_id', m.customer_id,
                        'email', u.email,
                        'display_name', u.display_name,
                        'role', m.role,
                        'invited_by', m.invited_by,
                        'accepted_at', m.accepted_at
                    )
                    ORDER BY m.created_at, m.customer_id
                )
            FROM family_memberships AS m
            INNER JOIN aiapp.users AS u ON m.customer_id = u.customer_id
            WHERE m.family_id = f.family_id AND m.deleted_at IS NULL
        ),
        'invitations', (
            SELECT
                coalesce(
                    json_agg(
                        json_build_object(
                            'email', i.email,
                            'role', i.role,
                            'invited_by', i.invited_by,
                            'invited_at', i.invited_at,
                            'expires_at', i.expires_at
                        )
                        ORDER BY i.invited_at, i.email_key
                    ),
                    '[]'::json
                )
            FROM family_invitations AS i
            WHERE i.family_id = f.family_id AND me.role IN ('owner', 'admin')
        )
    )::text
FROM families AS f
INNER JOIN family_memberships AS me ON f.family_id = me.family_id
WHERE
    f.family_id = %(family_id)s
    AND f.deleted_at IS NULL
    AND me.customer_id = %(customer_id)s
    AND me.deleted_at IS NULL;
