-- name: delete_hrv_reading :none
-- Deletes one of the caller's HRV readings. Params: customer_id, reading_id.
-- Returns the row count. Index: hrv_readings_pkey.
DELETE FROM hrv_readings
WHERE reading_id = %(reading_id)s AND customer_id = %(customer_id)s;
