-- name: select_family_role :scalar
-- The acting user's role in a live family (owner, admin, member, child), or NULL when they
-- are not an accepted member: tells a refused change's 403 from its 404.
-- Params: family_id, customer_id. Returns text or NULL.
-- Index: family_memberships_family_customer_key (inside habits.family_role).
SELECT family_role(%(family_id)s, %(customer_id)s);
