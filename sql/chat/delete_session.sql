-- name: delete_session :scalar
-- Deletes one of the caller's sessions; its messages and summary go with it (cascade).
-- Params: customer_id, session_id.
-- Returns {removed_count (messages), message_ids, session_id} as JSON text, or NULL when the
-- session is not the caller's. Index: chat_sessions primary key; chat_messages_session_idx.
WITH removed AS (
    DELETE FROM chat_sessions
    WHERE customer_id = %(customer_id)s AND session_id = %(session_id)s::uuid
    RETURNING customer_id, session_id
),

-- Read in the statement's snapshot: the messages as they were before the cascade.
messages AS (
    SELECT m.message_id
    FROM chat_messages AS m
    INNER JOIN removed AS r ON m.customer_id = r.customer_id AND m.session_id = r.session_id
)

SELECT
    json_build_object(
        'removed_count', (SELECT count(*) FROM messages),
        'message_ids', (
            SELECT coalesce(json_agg(message_id ORDER BY message_id), '[]') FROM messages
        ),
        'session_id', r.session_id
    )::text
FROM removed AS r;
