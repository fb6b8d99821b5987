-- name: update_session :scalar
-- Changes the session fields that were sent (NULL = keep) of one of the caller's sessions.
-- clear_task_metadata empties the task fields instead; with update_last_mod_time,
-- last_update becomes last_update_override or now. A group_id must name one of the caller's
-- groups (else chat_sessions_group_fkey fails).
-- Params: customer_id, session_id, session_name, ai_character_name, auto_trigger_tts,
-- ai_text_gen_model, tags (text[]), claude_session_id, group_id, task_status, task_priority,
-- task_description, clear_task_metadata, update_last_mod_time, last_update_override.
-- Returns the session as JSON text, or NULL when it is not the caller's.
-- Index: chat_sessions primary key.
UPDATE chat_sessions AS s
SET
    session_name = coalesce(%(session_name)s, s.session_name),
    ai_character_name = coalesce(%(ai_character_name)s, s.ai_character_name),
    auto_trigger_tts = coalesce(%(auto_trigger_tts)s, s.auto_trigger_tts),
    ai_text_gen_model = coalesce(%(ai_text_gen_model)s, s.ai_text_gen_model),
    tags = coalesce(to_jsonb(%(tags)s::text[]), s.tags),
    claude_session_id = coalesce(%(claude_session_id)s, s.claude_session_id),
    group_id = coalesce(%(group_id)s::uuid, s.group_id),
    task_status = CASE
        WHEN %(clear_task_metadata)s THEN NULL
        ELSE coalesce(%(task_status)s, s.task_status)
    END,
    task_priority = CASE
        WHEN %(clear_task_metadata)s THEN NULL
        ELSE coalesce(%(task_priority)s, s.task_priority)
    END,
    task_description = CASE
        WHEN %(clear_task_metadata)s THEN NULL
        ELSE coalesce(%(task_description)s, s.task_description)
    END,
    last_update = CASE
        WHEN %(update_last_mod_time)s THEN coalesce(%(last_update_override)s::timestamptz, now())
        ELSE s.last_update
    END
WHERE s.customer_id = %(customer_id)s AND s.session_id = %(session_id)s::uuid
RETURNING (
    (to_jsonb(s) - 'search_vector')
    || jsonb_build_object(
        'group_name', (
            SELECT g.name FROM chat_groups AS g
            WHERE g.customer_id = s.customer_id AND g.group_id = s.group_id
        )
    )
)::text;
