-- name: list_sessions :one
-- One page of the caller's sessions, newest first (last_update, then created_at), and how many
-- match in all. Sessions with no message and no task status are left out, as before.
-- Params: customer_id; filters start_date, end_date (on last_update: start inclusive, end
-- exclusive), tags (text[]: any of them, in any letter case), ai_character_name,
-- task_status ('active'|'waiting'|'done', 'any' = has one, 'none' = has none), task_priority
-- (each NULL = no filter); page_offset, page_limit (NULL: all); include_messages (each session's
-- messages in time order). Returns total and data = {sessions, count} as JSON text.
-- Index: chat_sessions_customer_last_update_idx (filter and order), chat_sessions_tags_idx
-- (tags), chat_sessions_character_task_idx (character, task status); chat_messages_session_idx.
WITH filtered AS NOT MATERIALIZED (
    SELECT
        s.session_id,
        s.last_update,
        s.created_at
    FROM chat_sessions AS s
    WHERE
        s.customer_id = %(customer_id)s
        AND (%(start_date)s::timestamptz IS NULL OR s.last_update >= %(start_date)s::timestamptz)
        AND (%(end_date)s::timestamptz IS NULL OR s.last_update < %(end_date)s::timestamptz)
        AND (
            %(ai_character_name)s::text IS NULL
            OR s.ai_character_name = %(ai_character_name)s::text
        )
        AND CASE %(task_status)s::text
            WHEN 'any' THEN s.task_status IS NOT NULL
            WHEN 'none' THEN s.task_status IS NULL
            ELSE %(task_status)s::text IS NULL OR s.task_status = %(task_status)s::text
        END
        AND (%(task_priority)s::text IS NULL OR s.task_priority = %(task_priority)s::text)
        AND (
            coalesce(cardinality(%(tags)s::text[]), 0) = 0
            OR lower(s.tags::text)::jsonb ?| array(
                SELECT lower(tag) FROM unnest(%(tags)s::text[]) AS tag
            )
        )
        AND (
            s.task_status IS NOT NULL
            OR EXISTS (
                SELECT FROM chat_messages AS m
                WHERE m.customer_id = s.customer_id AND m.session_id = s.session_id
            )
        )
),

page AS (
    SELECT
        session_id,
        last_update,
        created_at
    FROM filtered
    ORDER BY last_update DESC, created_at DESC, session_id ASC
    LIMIT %(page_limit)s OFFSET %(page_offset)s
)

SELECT
    (SELECT count(*) FROM filtered) AS total,
    jsonb_build_object(
        'sessions', coalesce(
            jsonb_agg(
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
                                WHERE
                                    m.customer_id = s.customer_id
                                    AND m.session_id = s.session_id
                            ))
                    ELSE '{}'
                END
                ORDER BY p.last_update DESC, p.created_at DESC, p.session_id ASC
            ),
            '[]'
        ),
        'count', count(*)
    )::text AS data
FROM page AS p
INNER JOIN chat_sessions AS s
    ON s.customer_id = %(customer_id)s AND p.session_id = s.session_id
LEFT JOIN chat_groups AS g ON s.customer_id = g.customer_id AND s.group_id = g.group_id;
