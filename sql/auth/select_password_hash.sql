-- name: select_password_hash :scalar
-- The stored bcrypt hash, to check an old password. Params: customer_id.
-- Returns the hash or NULL. Index: users primary key.
SELECT password_hash FROM aiapp.users
WHERE customer_id = %(customer_id)s;
