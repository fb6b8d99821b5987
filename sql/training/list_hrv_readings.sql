-- name: list_hrv_readings :scalar
-- The caller's HRV readings in an inclusive date window, optionally of one type, by time.
-- Params: customer_id, start_date, end_date, reading_type. Returns JSON text {items, count}.
-- Index: hrv_readings_customer_date_idx.
SELECT
    json_build_object(
        'items', coalesce(
            json_agg(hrv_reading_json(h) ORDER BY h.reading_time, h.reading_id), '[]'
        ),
        'count', count(*)
    )::text
FROM hrv_readings AS h
WHERE
    h.customer_id = %(customer_id)s
    AND (%(start_date)s::date IS NULL OR h.reading_date >= %(start_date)s::date)
    AND (%(end_date)s::date IS NULL OR h.reading_date <= %(end_date)s::date)
    AND (%(reading_type)s::text IS NULL OR h.reading_type = %(reading_type)s::text);
