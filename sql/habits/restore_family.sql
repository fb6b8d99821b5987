-- name: restore_family :scalar
-- Brings back a family deleted less than restore_window_days ago; only one of its owners may.
-- Params: family_id, customer_id, restore_window_days.
-- Returns the family, or no row when there is nothing the caller may restore.
-- Index: families primary key; family_memberships_family_customer_key.
UPDATE families AS f
SET deleted_at = NULL
FROM family_memberships AS m
WHERE
    f.family_id = %(family_id)s
    AND f.deleted_at > now() - make_interval(days => %(restore_window_days)s)
    AND m.family_id = f.family_id
    AND m.customer_id = %(customer_id)s
    AND m.role = 'owner'
    AND m.accepted_at IS NOT NULL
    AND m.deleted_at IS NULL
RETURNING json_build_object(
    'family_id', f.family_id,
    'name', f.name,
    'created_at', f.created_at,
    'updated_at', f.updated_at,
    'deleted_at', f.deleted_at
)::text;
