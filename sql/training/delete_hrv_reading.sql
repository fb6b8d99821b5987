-- name: delete_hrv_reading :scalar
-- Deletes one of the caller's HRV readings. Params: customer_id, reading_id.
-- Returns the answer as JSON text, or NULL when
-- the caller had no such row. Index: hrv_readings_pkey.
DELETE FROM hrv_readings
WHERE reading_id = %(reading_id)s AND customer_id = %(customer_id)s
RETURNING json_build_object('reading_id', reading_id, 'deleted', TRUE)::text;
