-- name: select_character_session :scalar
-- The caller's most recently updated session with an AI character, created (empty) when there
-- is none: how the original clients open "the chat with character X".
-- Params: customer_id, ai_character_name. Returns the session_id.
-- Index: chat_sessions_character_task_idx.
WITH found AS (
    SELECT session_id
    FROM chat_sessions
    WHERE customer_id = %(customer_id)s AND ai_character_name = %(ai_character_name)s
    ORDER BY last_update DESC
    LIMIT 1
),

created AS (
    INSERT INTO chat_sessions (customer_id, ai_character_name)
    SELECT
        %(customer_id)s,
        %(ai_character_name)s
    WHERE NOT EXISTS (SELECT FROM found)
    RETURNING session_id
)

SELECT session_id FROM found
UNION ALL
SELECT session_id FROM created;
