-- name: list_group_messages :scalar
-- The messages of a group chat in time order, in the original's shape: each message as
-- {id (text), role ('user'|'assistant'), content, agent_name (the responding agent, else the
-- character), timestamp}, and total (all of the session's messages). A group's conversation is
-- its most recently updated session; a group without one has no messages.
-- Params: customer_id, group_id, page_limit, page_offset.
-- Returns the JSON text, or NULL when the group is not the caller's.
-- Index: chat_groups primary key (the group), chat_sessions_group_idx (its session),
-- chat_messages_session_idx (the page in time order and the count).
WITH grp AS (
    SELECT
        g.customer_id,
        g.group_id
    FROM chat_groups AS g
    WHERE g.customer_id = %(customer_id)s AND g.group_id = %(group_id)s::uuid
),

conversation AS (
    SELECT
        s.customer_id,
        s.session_id
    FROM chat_sessions AS s
    INNER JOIN grp ON s.customer_id = grp.customer_id AND s.group_id = grp.group_id
    ORDER BY s.last_update DESC, s.session_id ASC
    LIMIT 1
),

page AS (
    SELECT
        m.message_id,
        m.created_at,
        json_build_object(
            'id', m.message_id::text,
            'role', CASE WHEN m.sender = 'User' THEN 'user' ELSE 'assistant' END,
            'content', m.message,
            'agent_name', coalesce(m.responding_agent, m.ai_character_name),
            'timestamp', m.created_at
        ) AS message
    FROM chat_messages AS m
    INNER JOIN conversation AS c ON m.customer_id = c.customer_id AND m.session_id = c.session_id
    ORDER BY m.created_at ASC, m.message_id ASC
    LIMIT %(page_limit)s OFFSET %(page_offset)s
)

SELECT
    json_build_object(
        'messages', (
            SELECT coalesce(json_agg(p.message ORDER BY p.created_at, p.message_id), '[]'::json)
            FROM page AS p
        ),
        'total', (
            SELECT count(*)
            FROM chat_messages AS m
            INNER JOIN conversation AS c
                ON m.customer_id = c.customer_id AND m.session_id = c.session_id
        )
    )::text
FROM grp;
