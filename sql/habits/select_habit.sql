-- name: select_habit :scalar
-- The habit carries habit_type and target_unit also as seed 003's type and unit.
-- One live habit the acting user can see (their own, or their family's).
-- Params: habit_id, customer_id. Returns the habit or no row.
-- Index: habits primary key; family_memberships_family_customer_key.
SELECT
    json_build_object(
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
        'type', habit_type,
        'unit', target_unit
    )::text
FROM habits
WHERE
    habit_id = %(habit_id)s
    AND deleted_at IS NULL
    AND owner_role(customer_id, family_id, %(customer_id)s) IS NOT NULL;
