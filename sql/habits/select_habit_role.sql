-- name: select_habit_role :scalar
-- The acting user's role over a live habit: 'owner' of their own, their role in the owning
-- family, NULL when they cannot see it. Tells a refused change's 403 from its 404.
-- Params: habit_id, customer_id. Returns text or NULL.
-- Index: habits primary key; family_memberships_family_customer_key.
SELECT owner_role(customer_id, family_id, %(customer_id)s)
FROM habits
WHERE habit_id = %(habit_id)s AND deleted_at IS NULL;
