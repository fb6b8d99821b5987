-- name: restore_habit :scalar
-- The habit carries habit_type and target_unit also as seed 003's type and unit.
-- Brings back a habit deleted less than restore_window_days ago, with its logs; the same
-- people who may delete it may restore it (a family habit needs its family live).
-- Params: habit_id, customer_id, restore_window_days.
-- Returns the habit, or no row when there is nothing the caller may restore.
-- Index: habits primary key; family_memberships_family_customer_key.
UPDATE habits AS h
SET deleted_at = NULL
WHERE
    habit_id = %(habit_id)s
    AND deleted_at > now() - make_interval(days => %(restore_window_days)s)
    AND owner_role(customer_id, family_id, %(customer_id)s) IN ('owner', 'admin')
RETURNING (habit_json(h) || jsonb_build_object('deleted_at', h.deleted_at))::text;
