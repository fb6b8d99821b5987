-- name: lock_routine_role :scalar
-- The acting user's role over a live routine they can see ('owner' of their own, their role
-- in the owning family), locking the routine row until the transaction ends: two edits of one
-- routine run one after the other, and the second sees the version the first opened. Also
-- tells a refused delete's 403 from its 404.
-- Params: routine_id, customer_id.
-- Returns text, or NULL when the routine is missing or not visible to the caller.
-- Index: routines primary key; family_memberships_family_customer_key.
SELECT owner_role(customer_id, family_id, %(customer_id)s)
FROM routines
WHERE
    routine_id = %(routine_id)s
    AND deleted_at IS NULL
    AND owner_role(customer_id, family_id, %(customer_id)s) IS NOT NULL
FOR NO KEY UPDATE;
