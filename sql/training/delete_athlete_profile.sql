-- name: delete_athlete_profile :none
-- Deletes the caller's profile. Params: customer_id. Returns the row count (0 or 1).
-- Index: user_profile_pkey.
DELETE FROM user_profile
WHERE customer_id = %(customer_id)s;
