-- name: select_habit :one
-- The habit carries habit_type and target_unit also as seed 003's type and unit.
-- One live habit the acting user can see (their own, or their family's).
-- Params: habit_id, customer_id. Returns the habit or no row.
-- Index: habits primary key; family_memberships_family_customer_key.
SELECT
    habit_id,
    customer_id,
    family_id,
    name,
    description,
    habit_type,
    target_value,
    target_unit,
    frequency,
    days_of_week,
    active,
    created_at,
    updated_at,
    habit_type AS type,
    target_unit AS unit
FROM habits
WHERE
    habit_id = %(habit_id)s
    AND deleted_at IS NULL
    AND owner_role(customer_id, family_id, %(customer_id)s) IS NOT NULL;
