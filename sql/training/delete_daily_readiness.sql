-- name: delete_daily_readiness :scalar
-- Deletes the caller's readiness verdict of one day. Params: customer_id, calendar_date.
-- Returns the answer as JSON text, or NULL when
-- the caller had no such row. Index: daily_readiness_pkey.
DELETE FROM daily_readiness
WHERE customer_id = %(customer_id)s AND calendar_date = %(calendar_date)s
RETURNING json_build_object('calendar_date', calendar_date, 'deleted', TRUE)::text;
