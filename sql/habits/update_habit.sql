-- name: update_habit :one
-- The habit carries habit_type and target_unit also as seed 003's type and unit.
-- Changes the fields of a live habit that were sent; only its owner, or the owning family's
-- owners and admins, may. NULL keeps a required field; the set_* flags say whether a nullable
-- one (description, target_value, target_unit, days_of_week) was sent, so it can be cleared.
-- The table's CHECKs refuse a result that breaks the type/target or frequency/days rules.
-- Params: habit_id, customer_id, name, description, habit_type, target_value, target_unit,
-- frequency, days_of_week, active, set_description, set_target_value, set_target_unit,
-- set_days_of_week.
-- Returns the habit, or no row when missing or not allowed.
-- Index: habits primary key; family_memberships_family_customer_key.
UPDATE habits
SET
    name = coalesce(%(name)s, name),
    description = CASE WHEN %(set_description)s THEN %(description)s ELSE description END,
    habit_type = coalesce(%(habit_type)s, habit_type),
    target_value = CASE WHEN %(set_target_value)s THEN %(target_value)s ELSE target_value END,
    target_unit = CASE WHEN %(set_target_unit)s THEN %(target_unit)s ELSE target_unit END,
    frequency = coalesce(%(frequency)s, frequency),
    days_of_week = CASE
        WHEN %(set_days_of_week)s THEN %(days_of_week)s::smallint[] ELSE days_of_week
    END,
    active = coalesce(%(active)s, active)
WHERE
    habit_id = %(habit_id)s
    AND deleted_at IS NULL
    AND owner_role(customer_id, family_id, %(customer_id)s) IN ('owner', 'admin')
RETURNING
    habit_id, customer_id, family_id, name, description, habit_type, target_value, target_unit,
    frequency, days_of_week, active, created_at, updated_at,
    habit_type AS type, target_unit AS unit;
