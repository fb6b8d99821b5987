-- name: list_families :scalar
-- The live families the acting user belongs to, and those with an unexpired invitation to
-- their account's current email (accepted_at NULL, expires_at set), with their role, as a
-- JSON array ordered by name. Params: customer_id.
-- Returns JSON text. Index: family_memberships_customer_live_idx, users primary key,
-- family_invitations_email_key_idx, families primary key.
WITH mine AS (
    SELECT
        m.family_id,
        m.role,
        m.accepted_at,
        NULL::timestamptz AS expires_at
    FROM family_memberships AS m
    WHERE m.customer_id = %(customer_id)s AND m.deleted_at IS NULL
    UNION ALL
    SELECT
        i.family_id,
        i.role,
        NULL::timestamptz AS accepted_at,
        i.expires_at
    FROM family_invitations AS i
    WHERE
        i.email_key = (
            SELECT lower(u.email) FROM aiapp.users AS u
            WHERE u.customer_id = %(customer_id)s
        )
        AND i.expires_at > now()
        -- A member whose email changed to an invited one is already in: one row each.
        AND NOT EXISTS (
            SELECT FROM family_memberships AS m
            WHERE
                m.family_id = i.family_id
                AND m.customer_id = %(customer_id)s
                AND m.deleted_at IS NULL
        )
)

SELECT
    coalesce(
        json_agg(
            json_build_object(
                'family_id', f.family_id,
                'name', f.name,
                'role', mine.role,
                'accepted_at', mine.accepted_at,
                'expires_at', mine.expires_at,
                'created_at', f.created_at,
                'updated_at', f.updated_at
            )
            ORDER BY f.name, f.family_id
        ),
        '[]'::json
    )::text
FROM mine
INNER JOIN families AS f ON mine.family_id = f.family_id
WHERE f.deleted_at IS NULL;
