-- name: upsert_message :one
-- Edits one message of a session: the fields present (non-null) in the message object replace
-- the stored ones. When message_id is NULL, or names no message of the caller in that session
-- (it was deleted meanwhile), the object is stored as a new message instead.
-- Params: customer_id, session_id, message_id, message (jsonb message object), default_sender
-- ('User' or 'AI', for a new message without sender), claude_code_data (jsonb, overrides the
-- object's). Returns message_id and replaced (true when message_id was given but a new
-- message had to be stored). Index: chat_messages primary key.
WITH edited AS (
    UPDATE chat_messages AS m
    SET
        sender = coalesce(p.sender, m.sender),
        message = coalesce(p.message, m.message),
        ai_reasoning = coalesce(p.ai_reasoning, m.ai_reasoning),
        image_locations = coalesce(p.image_locations, m.image_locations),
        image_description = coalesce(p.image_description, m.image_description),
        file_locations = coalesce(p.file_locations, m.file_locations),
        chart_data = coalesce(p.chart_data, m.chart_data),
        ai_character_name = coalesce(p.ai_character_name, m.ai_character_name),
        is_tts = coalesce(p.is_tts, m.is_tts),
        api_text_gen_model_name = coalesce(p.api_text_gen_model_name, m.api_text_gen_model_name),
        api_text_gen_settings = coalesce(p.api_text_gen_settings, m.api_text_gen_settings),
        api_tts_gen_model_name = coalesce(p.api_tts_gen_model_name, m.api_tts_gen_model_name),
        api_image_gen_settings = coalesce(p.api_image_gen_settings, m.api_image_gen_settings),
        image_generation_request = coalesce(
            p.image_generation_request, m.image_generation_request
        ),
        claude_code_data = coalesce(
            %(claude_code_data)s::jsonb, p.claude_code_data, m.claude_code_data
        ),
        is_gps_location_message = coalesce(p.is_gps_location_message, m.is_gps_location_message),
        show_transcribe_button = coalesce(p.show_transcribe_button, m.show_transcribe_button),
        favorite = coalesce(p.favorite, m.favorite),
        test_mode = coalesce(p.test_mode, m.test_mode),
        responding_agent = coalesce(p.responding_agent, m.responding_agent),
        time_to_first_token_ms = coalesce(p.time_to_first_token_ms, m.time_to_first_token_ms),
        total_generation_ms = coalesce(p.total_generation_ms, m.total_generation_ms)
    FROM jsonb_populate_record(NULL::chat_messages, %(message)s::jsonb) AS p
    WHERE
        m.message_id = %(message_id)s
        AND m.customer_id = %(customer_id)s
        AND m.session_id = %(session_id)s::uuid
    RETURNING m.message_id
),

replacement AS (
    INSERT INTO chat_messages (
        session_id, customer_id, sender, message, ai_reasoning, image_locations,
        image_description, file_locations, chart_data, ai_character_name, is_tts,
        api_text_gen_model_name, api_text_gen_settings, api_tts_gen_model_name,
        api_image_gen_settings, image_generation_request, claude_code_data,
        is_gps_location_message, show_transcribe_button, favorite, test_mode,
        responding_agent, time_to_first_token_ms, total_generation_ms
    )
    SELECT
        %(session_id)s::uuid AS session_id,
        %(customer_id)s,
        coalesce(p.sender, %(default_sender)s) AS sender,
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
    FROM jsonb_populate_record(NULL::chat_messages, %(message)s::jsonb) AS p
    WHERE NOT EXISTS (SELECT FROM edited)
    RETURNING message_id
)

SELECT
    message_id,
    FALSE AS replaced
FROM edited
UNION ALL
SELECT
    message_id,
    %(message_id)s::bigint IS NOT NULL AS replaced
FROM replacement;
