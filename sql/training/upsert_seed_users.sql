-- name: upsert_seed_users :many
-- The sample data's accounts: creates each email (display name "Demo athlete"), or gives an
-- existing one the new password. Params: emails (text[]), password_hash (bcrypt).
-- Returns one row {customer_id, email} per email, in the order given.
-- Index: users_email_lower_key (conflict target).
INSERT INTO aiapp.users AS u (email, password_hash, display_name)
SELECT
    given.email,
    %(password_hash)s,
    'Demo athlete' AS display_name
FROM unnest(%(emails)s::text[]) WITH ORDINALITY AS given (email, position)
ORDER BY given.position
ON CONFLICT (lower(email)) DO UPDATE SET password_hash = excluded.password_hash
RETURNING u.customer_id, u.email;
