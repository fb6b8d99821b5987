-- name: delete_habit :scalar
-- The habit carries habit_type and target_unit also as seed 003's type and unit.
-- Soft-deletes a habit: it and its logs disappear from every read, and routines stop listing
-- it. Only its owner, or the owning family's owners and admins, may.
-- Params: habit_id, customer_id.
-- Returns the habit with deleted_at, or no row when missing or not allowed.
-- Index: habits primary key; family_memberships_family_customer_key.
UPDATE habits AS h
SET deleted_at = now()
WHERE
    habit_id = %(habit_id)s
    AND deleted_at IS NULL
    AND owner_role(customer_id, family_id, %(customer_id)s) IN ('owner', 'admin')
RETURNING (habit_json(h) || jsonb_build_object('deleted_at', h.deleted_at))::text;
