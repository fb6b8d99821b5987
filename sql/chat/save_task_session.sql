-- name: save_task_session :scalar
-- Makes a session an active task: the caller's session named by session_id, or a new session
-- (named after the task when no session_name is given).
-- Params: customer_id, session_id (NULL = new session), session (jsonb patch:
-- ai_character_name, session_name; absent keeps, or names a new session after the task
-- description's first 100 characters), task_priority, task_description.
-- Returns {"session": the session} as JSON text, or NULL when session_id is not the caller's.
-- Index: chat_sessions primary key.
WITH marked AS (
    UPDATE chat_sessions AS s
    SET
        session_name = CASE
            WHEN %(session)s::jsonb ? 'session_name' THEN p.session_name
            ELSE s.session_name
        END,
        ai_character_name = CASE
            WHEN %(session)s::jsonb ? 'ai_character_name' THEN p.ai_character_name
            ELSE s.ai_character_name
        END,
        task_status = 'active',
        task_priority = %(task_priority)s,
        task_description = %(task_description)s,
        last_update = now()
    FROM jsonb_populate_record(NULL::chat_sessions, %(session)s::jsonb) AS p
    WHERE s.customer_id = %(customer_id)s AND s.session_id = %(session_id)s::uuid
    RETURNING
        session_json(s)
        || jsonb_build_object(
            'group_name', (
                SELECT g.name FROM chat_groups AS g
                WHERE g.customer_id = s.customer_id AND g.group_id = s.group_id
            )
        ) AS session
),

created AS (
    INSERT INTO chat_sessions AS s (
        customer_id, session_name, ai_character_name, task_status, task_priority,
        task_description
    )
    SELECT
        %(customer_id)s,
        coalesce(p.session_name, left(%(task_description)s, 100)) AS session_name,
        p.ai_character_name,
        'active' AS task_status,
        %(task_priority)s,
        %(task_description)s
    FROM jsonb_populate_record(NULL::chat_sessions, %(session)s::jsonb) AS p
    WHERE %(session_id)s::uuid IS NULL
    RETURNING
        session_json(s)
        || jsonb_build_object('group_name', NULL) AS session
)

SELECT jsonb_build_object('session', session)::text FROM marked
UNION ALL
SELECT jsonb_build_object('session', session)::text FROM created;
