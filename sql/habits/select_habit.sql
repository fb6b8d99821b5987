-- name: select_habit :scalar
-- The habit carries habit_type and target_unit also as seed 003's type and unit.
-- One live habit the acting user can see (their own, or their family's).
-- Params: habit_id, customer_id. Returns the habit or no row.
-- Index: habits primary key; family_memberships_family_customer_key.
SELECT habit_json(h)::text
FROM habits AS h
WHERE
    habit_id = %(habit_id)s
    AND deleted_at IS NULL
    AND owner_role(customer_id, family_id, %(customer_id)s) IS NOT NULL;
