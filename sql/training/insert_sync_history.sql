-- name: insert_sync_history :scalar
-- Starts a sync record for the caller (status running, started now).
-- Params: customer_id, sync (jsonb: sync_type, window_start, window_end, data_types).
-- Returns the row as JSON text, with seed 002's sync_status, sync_started_at and
-- sync_completed_at beside status, started_at and completed_at. Index: sync_history_pkey.
INSERT INTO sync_history AS s (customer_id, sync_type, window_start, window_end, data_types)
SELECT
    %(customer_id)s,
    g.sync_type,
    g.window_start,
    g.window_end,
    coalesce(g.data_types, '{}') AS data_types
FROM jsonb_populate_record(NULL::sync_history, %(sync)s::jsonb) AS g
RETURNING sync_json(s)::text;
