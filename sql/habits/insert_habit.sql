-- name: insert_habit :scalar
-- The habit carries habit_type and target_unit also as seed 003's type and unit.
-- Creates a habit owned by the acting user, or by family_id's family when given (then only
-- its owners and admins may). days_of_week is given for weekly habits only.
-- Params: customer_id, family_id, name, description, habit_type, target_value, target_unit,
-- frequency, days_of_week, active.
-- Returns the habit, or no row when the caller may not add habits to that family.
-- Index: family_memberships_family_customer_key (the family check).
INSERT INTO habits AS h (
    customer_id, family_id, name, description, habit_type, target_value, target_unit,
    frequency, days_of_week, active
)
SELECT
    CASE WHEN %(family_id)s::uuid IS NULL THEN %(customer_id)s::bigint END AS customer_id,
    %(family_id)s::uuid AS family_id,
    %(name)s,
    %(description)s,
    %(habit_type)s,
    %(target_value)s,
    %(target_unit)s,
    %(frequency)s,
    %(days_of_week)s::smallint[] AS days_of_week,
    %(active)s
WHERE
    %(family_id)s::uuid IS NULL
    OR family_role(%(family_id)s::uuid, %(customer_id)s) IN ('owner', 'admin')
RETURNING habit_json(h)::text;
