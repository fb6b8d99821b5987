-- name: update_habit :scalar
-- The habit carries habit_type and target_unit also as seed 003's type and unit.
-- Changes the fields of a live habit the patch names (absent keeps, null clears the nullable
-- description, target_value, target_unit and days_of_week; the schema refuses null for the
-- others); only its owner, or the owning family's owners and admins, may.
-- The table's CHECKs refuse a result that breaks the type/target or frequency/days rules.
-- Params: habit_id, customer_id, patch (jsonb keyed by column).
-- Returns the habit, or no row when missing or not allowed.
-- Index: habits primary key; family_memberships_family_customer_key.
UPDATE habits AS h
SET
    name = CASE WHEN %(patch)s::jsonb ? 'name' THEN p.name ELSE h.name END,
    description = CASE
        WHEN %(patch)s::jsonb ? 'description' THEN p.description ELSE h.description
    END,
    habit_type = CASE WHEN %(patch)s::jsonb ? 'habit_type' THEN p.habit_type ELSE h.habit_type END,
    target_value = CASE
        WHEN %(patch)s::jsonb ? 'target_value' THEN p.target_value ELSE h.target_value
    END,
    target_unit = CASE
        WHEN %(patch)s::jsonb ? 'target_unit' THEN p.target_unit ELSE h.target_unit
    END,
    frequency = CASE WHEN %(patch)s::jsonb ? 'frequency' THEN p.frequency ELSE h.frequency END,
    days_of_week = CASE
        WHEN %(patch)s::jsonb ? 'days_of_week' THEN p.days_of_week ELSE h.days_of_week
    END,
    active = CASE WHEN %(patch)s::jsonb ? 'active' THEN p.active ELSE h.active END
FROM jsonb_populate_record(NULL::habits, %(patch)s::jsonb) AS p
WHERE
    h.habit_id = %(habit_id)s
    AND h.deleted_at IS NULL
    AND owner_role(h.customer_id, h.family_id, %(customer_id)s) IN ('owner', 'admin')
RETURNING habit_json(h)::text;
