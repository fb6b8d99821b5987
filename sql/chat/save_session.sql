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
-- Written by aiapp.write_message_session (migration 0023), which insert_message_pair shares.
-- Index: chat_sessions primary key.
SELECT
    write_message_session(
        %(customer_id)s,
        %(session_id)s::uuid,
        %(session)s::jsonb,
        %(update_last_mod_time)s,
        %(user_settings)s::jsonb
    );
