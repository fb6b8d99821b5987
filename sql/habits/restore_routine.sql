-- name: restore_routine :scalar
-- Brings back a routine deleted less than restore_window_days ago, for the same people who
-- may delete it. Params: routine_id, customer_id, restore_window_days.
-- Returns the routine row, or no row when there is nothing the caller may restore.
-- Index: routines primary key; family_memberships_family_customer_key.
UPDATE routines
SET deleted_at = NULL
WHERE
    routine_id = %(routine_id)s
    AND deleted_at > now() - make_interval(days => %(restore_window_days)s)
    AND owner_role(customer_id, family_id, %(customer_id)s) IN ('owner', 'admin')
RETURNING json_build_object(
    'routine_id', routine_id,
    'customer_id', customer_id,
    'family_id', family_id,
    'created_at', created_at,
    'updated_at', updated_at,
    'deleted_at', deleted_at
)::text;
