-- name: select_summary :scalar
-- The summary of one of the caller's sessions, and whether it is stale (the session changed
-- after it was written). Params: customer_id, session_id.
-- Returns the summary as JSON text, or NULL when there is none.
-- Index: session_summaries and chat_sessions primary keys.
SELECT
    (
        summary_json(ss)
        || jsonb_build_object('is_stale', s.last_update > ss.last_updated)
    )::text
FROM session_summaries AS ss
INNER JOIN chat_sessions AS s ON ss.customer_id = s.customer_id AND ss.session_id = s.session_id
WHERE ss.customer_id = %(customer_id)s AND ss.session_id = %(session_id)s::uuid;
