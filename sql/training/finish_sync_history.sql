-- name: finish_sync_history :scalar
-- Finishes one of the caller's running syncs: final status, counts, errors, completed now
-- (the duration follows). A finished sync is not changed again.
-- Seed 002's sync_status, sync_started_at and sync_completed_at ride along.
-- Params: customer_id, sync_id, result (jsonb). Returns the row as JSON text, or NULL when the
-- caller has no such running sync. Index: sync_history_pkey.
UPDATE sync_history AS s SET
    status = g.status,
    completed_at = greatest(now(), s.started_at),
    records_synced = coalesce(g.records_synced, s.records_synced),
    records_failed = coalesce(g.records_failed, s.records_failed),
    error_message = g.error_message,
    error_details = g.error_details,
    api_calls_made = coalesce(g.api_calls_made, s.api_calls_made),
    rate_limit_hit = coalesce(g.rate_limit_hit, s.rate_limit_hit)
FROM jsonb_populate_record(NULL::sync_history, %(result)s::jsonb) AS g
WHERE
    s.sync_id = %(sync_id)s
    AND s.customer_id = %(customer_id)s
    AND s.status = 'running'
RETURNING sync_json(s)::text;
