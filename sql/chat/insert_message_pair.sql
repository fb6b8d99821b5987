-- name: insert_message_pair :one
-- Stores a user message and, optionally, the AI response in one statement: with no session_id
-- a session is created first; with one, the caller's session gets the session fields that were
-- sent and its last_update (when update_last_mod_time). All or nothing.
-- Params: customer_id, session_id (NULL = new session), session (jsonb patch keyed by column:
-- session_name, ai_character_name, ai_text_gen_model, tags, auto_trigger_tts,
-- claude_session_id; an absent key keeps the stored value, a new session's defaults),
-- update_last_mod_time, user_settings (jsonb; text.ai_character names a new session's
-- character when ai_character_name is not sent), user_message, ai_response (jsonb message
-- objects; ai_response NULL = none), claude_code_data (jsonb, overrides both messages').
-- Returns session_id and the answer {session_id, user_message_id, ai_message_id} as JSON
-- text; no row when session_id is not the caller's. The session part is
-- aiapp.write_message_session's (migration 0023).
-- Index: chat_sessions primary key.
WITH target AS (
    SELECT sid.session_id
    FROM
        write_message_session(
            %(customer_id)s,
            %(session_id)s::uuid,
            %(session)s::jsonb,
            %(update_last_mod_time)s,
            %(user_settings)s::jsonb
        ) AS sid (session_id)
    WHERE sid.session_id IS NOT NULL
),

-- One INSERT for both objects, the user message first: identity values follow the SELECT's
-- order, so the lower id is the user message's and the detail's (created_at, message_id)
-- order puts the question before the answer.
written AS (
    INSERT INTO chat_messages (
        session_id, customer_id, sender, message, ai_reasoning, image_locations,
        image_description, file_locations, chart_data, ai_character_name, is_tts,
        api_text_gen_model_name, api_text_gen_settings, api_tts_gen_model_name,
        api_image_gen_settings, image_generation_request, claude_code_data,
        is_gps_location_message, show_transcribe_button, favorite, test_mode,
        responding_agent, time_to_first_token_ms, total_generation_ms
    )
    SELECT
        t.session_id,
        %(customer_id)s,
        coalesce(p.sender, o.default_sender) AS sender,
        p.message,
        p.ai_reasoning,
        coalesce(p.image_locations, '[]') AS image_locations,
        p.image_description,
        coalesce(p.file_locations, '[]') AS file_locations,
        p.chart_data,
        p.ai_character_name,
        coalesce(p.is_tts, FALSE) AS is_tts,
        p.api_text_gen_model_name,
        p.api_text_gen_settings,
        p.api_tts_gen_model_name,
        p.api_image_gen_settings,
        p.image_generation_request,
        coalesce(%(claude_code_data)s::jsonb, p.claude_code_data) AS claude_code_data,
        coalesce(p.is_gps_location_message, FALSE) AS is_gps_location_message,
        coalesce(p.show_transcribe_button, FALSE) AS show_transcribe_button,
        coalesce(p.favorite, FALSE) AS favorite,
        coalesce(p.test_mode, FALSE) AS test_mode,
        p.responding_agent,
        p.time_to_first_token_ms,
        p.total_generation_ms
    FROM target AS t
    CROSS JOIN (
        VALUES
        (1, %(user_message)s::jsonb, 'User'),
        (2, %(ai_response)s::jsonb, 'AI')
    ) AS o (ord, message_object, default_sender)
    CROSS JOIN LATERAL jsonb_populate_record(NULL::chat_messages, o.message_object) AS p
    WHERE o.message_object IS NOT NULL
    ORDER BY o.ord
    RETURNING message_id
)

SELECT
    t.session_id,
    json_build_object(
        'session_id', t.session_id,
        'user_message_id', (SELECT min(message_id) FROM written),
        'ai_message_id', (
            SELECT max(message_id) FROM written
            HAVING count(*) = 2
        )
    )::text AS answer
FROM target AS t;
