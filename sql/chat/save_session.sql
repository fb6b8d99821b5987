-- name: save_session :scalar
-- The session a message edit writes into: the caller's session named by session_id gets the
-- session fields that were sent and its last_update (when update_last_mod_time); with no
-- session_id a new session is created.
-- Params: customer_id, session_id (NULL = new session), session (jsonb patch keyed by column:
-- session_name, ai_character_name, ai_text_gen_model, tags, auto_trigger_tts,
-- claude_session_id; an absent key keeps the stored value, a new session's defaults),
-- update_last_mod_time, user_settings (jsonb; text.ai_character names a new session's
-- character when ai_character_name is not sent).
-- Returns the session_id, or NULL when session_id is not the caller's.
-- Index: chat_sessions primary key.
WITH touched AS (
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
        ai_text_gen_model = CASE
            WHEN %(session)s::jsonb ? 'ai_text_gen_model' THEN p.ai_text_gen_model
            ELSE s.ai_text_gen_model
        END,
        tags = CASE WHEN %(session)s::jsonb ? 'tags' THEN p.tags ELSE s.tags END,
        auto_trigger_tts = CASE
            WHEN %(session)s::jsonb ? 'auto_trigger_tts' THEN p.auto_trigger_tts
            ELSE s.auto_trigger_tts
        END,
        claude_session_id = CASE
            WHEN %(session)s::jsonb ? 'claude_session_id' THEN p.claude_session_id
            ELSE s.claude_session_id
        END,
        last_update = CASE WHEN %(update_last_mod_time)s THEN now() ELSE s.last_update END
    FROM jsonb_populate_record(NULL::chat_sessions, %(session)s::jsonb) AS p
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
        coalesce(p.session_name, 'New chat') AS session_name,
        coalesce(
            p.ai_character_name, %(user_settings)s::jsonb #>> '{text,ai_character}', 'assistant'
        ) AS ai_character_name,
        p.ai_text_gen_model,
        coalesce(p.tags, '[]') AS tags,
        coalesce(p.auto_trigger_tts, FALSE) AS auto_trigger_tts,
        p.claude_session_id
    FROM jsonb_populate_record(NULL::chat_sessions, %(session)s::jsonb) AS p
    WHERE %(session_id)s::uuid IS NULL
    RETURNING session_id
)

SELECT session_id FROM touched
UNION ALL
SELECT session_id FROM created;
