-- name: select_athlete_profile :scalar
-- The caller's athlete profile as JSON text, or NULL when none is stored.
-- Params: customer_id. Index: user_profile_pkey.
SELECT athlete_profile_json(p)::text AS profile
FROM user_profile AS p
WHERE p.customer_id = %(customer_id)s;
