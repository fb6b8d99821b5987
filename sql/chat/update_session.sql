-- name: update_session :scalar
-- Changes the session fields the patch names (absent keeps; the schema drops the nulls the
-- original's clients send for "keep", and refuses null where a column cannot be empty) of
-- one of the caller's sessions. clear_task_metadata empties the task fields instead; with
-- update_last_mod_time, last_update becomes last_update_override or now. A group_id must name
-- one of the caller's groups (else chat_sessions_group_fkey fails).
-- Params: customer_id, session_id, patch (jsonb keyed by column: session_name,
-- ai_character_name, auto_trigger_tts, ai_text_gen_model, tags, claude_session_id, group_id,
-- task_status, task_priority, task_description), clear_task_metadata, update_last_mod_time,
-- last_update_override.
-- Returns {"session": the session} as JSON text, or NULL when it is not the caller's.
-- Index: chat_sessions primary key.
UPDATE chat_sessions AS s
SET
    session_name = CASE
        WHEN %(patch)s::jsonb ? 'session_name' THEN p.session_name
        ELSE s.session_name
    END,
    ai_character_name = CASE
        WHEN %(patch)s::jsonb ? 'ai_character_name' THEN p.ai_character_name
        ELSE s.ai_character_name
    END,
    auto_trigger_tts = CASE
        WHEN %(patch)s::jsonb ? 'auto_trigger_tts' THEN p.auto_trigger_tts
        ELSE s.auto_trigger_tts
    END,
    ai_text_gen_model = CASE
        WHEN %(patch)s::jsonb ? 'ai_text_gen_model' THEN p.ai_text_gen_model
        ELSE s.ai_text_gen_model
    END,
    tags = CASE WHEN %(patch)s::jsonb ? 'tags' THEN p.tags ELSE s.tags END,
    claude_session_id = CASE
        WHEN %(patch)s::jsonb ? 'claude_session_id' THEN p.claude_session_id
        ELSE s.claude_session_id
    END,
    group_id = CASE WHEN %(patch)s::jsonb ? 'group_id' THEN p.group_id ELSE s.group_id END,
    task_status = CASE
        WHEN %(clear_task_metadata)s THEN NULL
        WHEN %(patch)s::jsonb ? 'task_status' THEN p.task_status
        ELSE s.task_status
    END,
    task_priority = CASE
        WHEN %(clear_task_metadata)s THEN NULL
        WHEN %(patch)s::jsonb ? 'task_priority' THEN p.task_priority
        ELSE s.task_priority
    END,
    task_description = CASE
        WHEN %(clear_task_metadata)s THEN NULL
        WHEN %(patch)s::jsonb ? 'task_description' THEN p.task_description
        ELSE s.task_description
    END,
    last_update = CASE
        WHEN %(update_last_mod_time)s THEN coalesce(%(last_update_override)s::timestamptz, now())
        ELSE s.last_update
    END
FROM jsonb_populate_record(NULL::chat_sessions, %(patch)s::jsonb) AS p
WHERE s.customer_id = %(customer_id)s AND s.session_id = %(session_id)s::uuid
RETURNING jsonb_build_object('session', (
    session_json(s)
    || jsonb_build_object(
        'group_name', (
            SELECT g.name FROM chat_groups AS g
            WHERE g.customer_id = s.customer_id AND g.group_id = s.group_id
        )
    )
))::text;
