-- name: select_customer_id :scalar
-- The customer_id of the account with this email, in any letter case (the command line names
-- users by email). Params: email. Returns the id or NULL. Index: users_email_lower_key.
SELECT customer_id FROM aiapp.users
WHERE lower(email) = lower(%(email)s);
