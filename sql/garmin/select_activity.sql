-- name: select_activity :scalar
-- One of the user's activities with its GPS track (gps_data is null without one).
-- Params: customer_id, activity_id.
-- Returns JSON text of the activity, or NULL when the user has no such activity.
-- Index: activities_pkey (customer_id, activity_id); activity_gps_pkey (the same).
SELECT (activities_json(a) || jsonb_build_object('gps_data', g.gps_data))::text
FROM activities AS a
LEFT JOIN activity_gps AS g ON a.customer_id = g.customer_id AND a.activity_id = g.activity_id
WHERE a.customer_id = %(customer_id)s AND a.activity_id = %(activity_id)s;
