-- name: list_sync_history :scalar
-- The caller's latest syncs, newest first. Params: customer_id, row_limit.
-- Returns JSON text {items, count}, each with seed 002's sync_status, sync_started_at,
-- sync_completed_at. Index: sync_history_customer_started_idx.
WITH latest AS (
    SELECT
        s.sync_id,
        s.started_at,
        sync_json(s) AS sync
    FROM sync_history AS s
    WHERE s.customer_id = %(customer_id)s
    ORDER BY s.started_at DESC, s.sync_id DESC
    LIMIT %(row_limit)s
)

SELECT
    json_build_object(
        'items',
        coalesce(
            json_agg(
                latest.sync
                ORDER BY latest.started_at DESC, latest.sync_id DESC
            ),
            '[]'
        ),
        'count', count(*)
    )::text
FROM latest;
