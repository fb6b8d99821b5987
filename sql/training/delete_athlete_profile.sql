-- name: delete_athlete_profile :scalar
-- Deletes the caller's profile. Params: customer_id. Returns the answer as JSON
-- text, or NULL when the caller had no such row.
-- Index: user_profile_pkey.
DELETE FROM user_profile
WHERE customer_id = %(customer_id)s
RETURNING json_build_object('deleted', TRUE)::text;
