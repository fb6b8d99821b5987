-- name: lock_user :one
-- Locks one user's row for the rest of the transaction, so that nothing can be added for them
-- (every insert that references the user waits on this lock) while their rows are counted
-- and erased. Params: customer_id. Returns customer_id, email and role, or no row.
-- Index: users primary key.
SELECT
    customer_id,
    email,
    role
FROM aiapp.users
WHERE customer_id = %(customer_id)s
FOR UPDATE;
