-- name: list_stale_summaries :scalar
-- The summariser's work list: the caller's sessions whose summary is stale (the session
-- changed after it was written) or missing (only sessions with at least min_messages
-- messages), oldest change first.
-- Params: customer_id, min_messages, page_limit.
-- Returns {sessions: [{session_id, customer_id, session_name, last_update,
-- summary_last_updated, message_count, reason: 'stale'|'missing'}], count} as JSON text.
-- Index: chat_sessions_customer_last_update_idx; session_summaries primary key;
-- chat_messages_session_idx.
SELECT
    jsonb_build_object(
        'sessions', coalesce(
            jsonb_agg(
                jsonb_build_object(
                    'session_id', w.session_id,
                    'customer_id', w.customer_id,
                    'session_name', w.session_name,
                    'last_update', w.last_update,
                    'summary_last_updated', w.last_updated,
                    'message_count', w.message_count,
                    'reason', CASE WHEN w.last_updated IS NULL THEN 'missing' ELSE 'stale' END
                )
                ORDER BY w.last_update, w.session_id
            ),
            '[]'
        ),
        'count', count(*)
    )::text
FROM (
    SELECT
        s.session_id,
        s.customer_id,
        s.session_name,
        s.last_update,
        ss.last_updated,
        held.message_count
    FROM chat_sessions AS s
    LEFT JOIN session_summaries AS ss
        ON s.customer_id = ss.customer_id AND s.session_id = ss.session_id
    CROSS JOIN
        LATERAL (
            SELECT count(*) AS message_count
            FROM chat_messages AS m
            WHERE m.customer_id = s.customer_id AND m.session_id = s.session_id
        ) AS held
    WHERE
        s.customer_id = %(customer_id)s
        AND (
            s.last_update > ss.last_updated
            OR (ss.session_id IS NULL AND held.message_count >= %(min_messages)s)
        )
    ORDER BY s.last_update, s.session_id
    LIMIT %(page_limit)s
) AS w;
