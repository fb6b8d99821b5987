-- name: delete_daily_readiness :none
-- Deletes the caller's readiness verdict of one day. Params: customer_id, calendar_date.
-- Returns the row count. Index: daily_readiness_pkey.
DELETE FROM daily_readiness
WHERE customer_id = %(customer_id)s AND calendar_date = %(calendar_date)s;
