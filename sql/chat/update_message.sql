-- name: update_message :scalar
-- Partial update of one of the caller's messages: the fields present (non-null) in the patch
-- replace the stored ones; with append_image_locations, the patch's image_locations are added
-- after the stored ones instead of replacing them. An empty patch changes nothing.
-- Params: customer_id, message_id, patch (jsonb), append_image_locations.
-- Returns the message_id, or NULL when it is not the caller's message.
-- Index: chat_messages primary key.
UPDATE chat_messages AS m
SET
    message = coalesce(p.message, m.message),
    ai_reasoning = coalesce(p.ai_reasoning, m.ai_reasoning),
    image_locations = CASE
        WHEN %(append_image_locations)s THEN m.image_locations || coalesce(p.image_locations, '[]')
        ELSE coalesce(p.image_locations, m.image_locations)
    END,
    file_locations = coalesce(p.file_locations, m.file_locations),
    chart_data = coalesce(p.chart_data, m.chart_data),
    api_text_gen_model_name = coalesce(p.api_text_gen_model_name, m.api_text_gen_model_name),
    api_text_gen_settings = coalesce(p.api_text_gen_settings, m.api_text_gen_settings),
    api_tts_gen_model_name = coalesce(p.api_tts_gen_model_name, m.api_tts_gen_model_name),
    api_image_gen_settings = coalesce(p.api_image_gen_settings, m.api_image_gen_settings),
    image_generation_request = coalesce(p.image_generation_request, m.image_generation_request),
    claude_code_data = coalesce(p.claude_code_data, m.claude_code_data),
    favorite = coalesce(p.favorite, m.favorite)
FROM jsonb_populate_record(NULL::chat_messages, %(patch)s::jsonb) AS p
WHERE m.message_id = %(message_id)s AND m.customer_id = %(customer_id)s
RETURNING m.message_id;
