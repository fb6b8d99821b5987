-- name: select_family :scalar
-- One live family the acting user is an accepted member of, with their role and the
-- family's members and open invitations (accepted_at NULL), built as JSON.
-- Params: family_id, customer_id.
-- Returns JSON text, or NULL when the caller is not a member (or the family is deleted).
-- Index: family_memberships_family_customer_key, family_memberships_family_live_idx.
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
                    ORDER BY m.accepted_at IS NULL, m.created_at, m.customer_id
                )
            FROM family_memberships AS m
            INNER JOIN aiapp.users AS u ON m.customer_id = u.customer_id
            WHERE m.family_id = f.family_id AND m.deleted_at IS NULL
        )
    )::text
FROM families AS f
INNER JOIN family_memberships AS me ON f.family_id = me.family_id
WHERE
    f.family_id = %(family_id)s
    AND f.deleted_at IS NULL
    AND me.customer_id = %(customer_id)s
    AND me.accepted_at IS NOT NULL
    AND me.deleted_at IS NULL;
