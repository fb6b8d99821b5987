-- name: insert_hrv_reading :scalar
-- Stores one HRV reading of the caller; its day is the reading time's UTC date unless given.
-- Params: customer_id, reading (jsonb). Returns the row as JSON text.
-- Index: hrv_readings_natural_key (a repeated time and type is a 409).
INSERT INTO hrv_readings AS h (
    customer_id, reading_date, reading_time, reading_type, sdnn, rmssd, pnn50, avg_heart_rate,
    status
)
SELECT
    %(customer_id)s,
    coalesce(g.reading_date, (g.reading_time AT TIME ZONE 'UTC')::date) AS reading_date,
    g.reading_time,
    g.reading_type,
    g.sdnn,
    g.rmssd,
    g.pnn50,
    g.avg_heart_rate,
    g.status
FROM jsonb_populate_record(NULL::hrv_readings, %(reading)s::jsonb) AS g
RETURNING hrv_reading_json(h)::text;
