-- name: save_session :scalar
-- The session a message edit writes into: the caller's session named by session_id gets the
-- session fields that were sent and its last_update (when update_last_mod_time); with no
-- session_id a new session is created.
-- Params: customer_id, session_id (NULL = new session), session_name, ai_character_name,
-- ai_text_gen_model, tags (text[]), auto_trigger_tts, claude_session_id (NULL = keep),
-- update_last_mod_time, user_settings (jsonb; text.ai_character names a new session's
-- character when ai_character_name is not sent).
-- Returns the session_id, or NULL when session_id is not the caller's.
-- Index: chat_sessions primary key.
WITH touched AS (
    UPDATE chat_sessions AS s
    SET
        session_name = coalesce(%(session_name)s, s.session_name),
        ai_character_name = coalesce(%(ai_character_name)s, s.ai_character_name),
        ai_text_gen_model = coalesce(%(ai_text_gen_model)s, s.ai_text_gen_model),
        tags = coalesce(to_jsonb(%(tags)s::text[]), s.tags),
        auto_trigger_tts = coalesce(%(auto_trigger_tts)s, s.auto_trigger_tts),
        claude_session_id = coalesce(%(claude_session_id)s, s.claude_session_id),
        last_update = CASE WHEN %(update_last_mod_time)s THEN now() ELSE s.last_update END
    WHERE s.session_id = %(session_id)s::uuid AND s.customer_id = %(customer_id)s
    RETURNING s.session_id
),

created AS (
    INSERT INTO chat_sessions (
        customer_id, session_name, ai_character_name, ai_text_gen_model, tags,
        auto_trigger_tts, claude_session_id
    )
    SELECT
        %(customer_id)s,
        coalesce(%(session_name)s, 'New chat') AS session_name,
        coalesce(
            %(ai_character_name)s, %(user_settings)s::jsonb #>> '{text,ai_character}', 'assistant'
        ) AS ai_character_name,
        %(ai_text_gen_model)s,
        coalesce(to_jsonb(%(tags)s::text[]), '[]') AS tags,
        coalesce(%(auto_trigger_tts)s, FALSE) AS auto_trigger_tts,
        %(claude_session_id)s
    WHERE %(session_id)s::uuid IS NULL
    RETURNING session_id
)

SELECT session_id FROM touched
UNION ALL
SELECT session_id FROM created;
