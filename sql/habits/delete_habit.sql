-- name: delete_habit :one
-- The habit carries habit_type and target_unit also as seed 003's type and unit.
-- Soft-deletes a habit: it and its logs disappear from every read, and routines stop listing
-- it. Only its owner, or the owning family's owners and admins, may.
-- Params: habit_id, customer_id.
-- Returns the habit with deleted_at, or no row when missing or not allowed.
-- Index: habits primary key; family_memberships_family_customer_key.
UPDATE habits
SET deleted_at = now()
WHERE
    habit_id = %(habit_id)s
    AND deleted_at IS NULL
    AND owner_role(customer_id, family_id, %(customer_id)s) IN ('owner', 'admin')
RETURNING
    habit_id, customer_id, family_id, name, description, habit_type, target_value, target_unit,
    frequency, days_of_week, active, created_at, updated_at, deleted_at,
    habit_type AS type, target_unit AS unit;
