-- name: select_session :scalar
-- One of the caller's sessions, with its group's name and, when asked, its messages in time
-- order. Params: customer_id, session_id, include_messages.
-- Returns {"session": the session} as JSON text, or NULL when it is not the caller's.
-- Index: chat_sessions primary key; chat_messages_session_idx.
SELECT
    jsonb_build_object('session', (
        session_json(s)
        || jsonb_build_object('group_name', g.name)
        || CASE
            WHEN %(include_messages)s
                THEN
                    jsonb_build_object('messages', (
                        SELECT
                            coalesce(
                                jsonb_agg(
                                    message_json(m)
                                    ORDER BY m.created_at, m.message_id
                                ),
                                '[]'
                            )
                        FROM chat_messages AS m
                        WHERE m.customer_id = s.customer_id AND m.session_id = s.session_id
                    ))
            ELSE '{}'
        END
    ))::text
FROM chat_sessions AS s
LEFT JOIN chat_groups AS g ON s.customer_id = g.customer_id AND s.group_id = g.group_id
WHERE s.customer_id = %(customer_id)s AND s.session_id = %(session_id)s::uuid;
