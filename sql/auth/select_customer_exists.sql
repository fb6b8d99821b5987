-- name: select_customer_exists :scalar
-- Whether a user has this customer_id (an admin's list of a user's reads answers 404 for
-- nobody, and an empty page for a user nobody read). Params: customer_id.
-- Returns true or false. Index: users pkey.
SELECT exists(
    SELECT FROM aiapp.users
    WHERE customer_id = %(customer_id)s
);
