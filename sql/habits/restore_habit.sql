-- name: restore_habit :scalar
-- The habit carries habit_type and target_unit also as seed 003's type and unit.
-- Brings back a habit deleted less than restore_window_days ago, with its logs; the same
-- people who may delete it may restore it (a family habit needs its family live).
-- Params: habit_id, customer_id, restore_window_days.
-- Returns the habit, or no row when there is nothing the caller may restore.
-- Index: habits primary key; family_memberships_family_customer_key.
UPDATE habits
SET deleted_at = NULL
WHERE
    habit_id = %(habit_id)s
    AND deleted_at > now() - make_interval(days => %(restore_window_days)s)
    AND owner_role(customer_id, family_id, %(customer_id)s) IN ('owner', 'admin')
RETURNING json_build_object(
    'habit_id', habit_id,
    'customer_id', customer_id,
    'family_id', family_id,
    'name', name,
    'description', description,
    'habit_type', habit_type,
    'target_value', target_value,
    'target_unit', target_unit,
    'frequency', frequency,
    'days_of_week', days_of_week,
    'active', active,
    'created_at', created_at,
    'updated_at', updated_at,
    'deleted_at', deleted_at,
    'type', habit_type,
    'unit', target_unit
)::text;
