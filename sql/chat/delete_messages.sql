-- name: delete_messages :scalar
-- Deletes the listed messages of one of the caller's sessions.
-- Params: customer_id, session_id, message_ids (bigint[]).
-- Returns {removed_count, message_ids (those deleted), session_id} as JSON text, or NULL when
-- the session is not the caller's. Index: chat_sessions and chat_messages primary keys.
WITH owned AS (
    SELECT
        customer_id,
        session_id
    FROM chat_sessions
    WHERE customer_id = %(customer_id)s AND session_id = %(session_id)s::uuid
),

removed AS (
    DELETE FROM chat_messages AS m
    USING owned
    WHERE
        m.customer_id = owned.customer_id
        AND m.session_id = owned.session_id
        AND m.message_id = any(%(message_ids)s::bigint[])
    RETURNING m.message_id
)

SELECT
    json_build_object(
        'removed_count', count(r.message_id),
        'message_ids', coalesce(
            json_agg(r.message_id ORDER BY r.message_id) FILTER (WHERE r.message_id IS NOT NULL),
            '[]'
        ),
        'session_id', o.session_id
    )::text
FROM owned AS o
LEFT JOIN removed AS r ON TRUE
GROUP BY o.session_id;
