-- depends: 0022.garmin_json
-- Entity JSON written once (issue 11): a habits routine as one of its versions, and a UFC
-- queue candidate.
--
-- A routine answers as one of its versions (issue 11, point 6): the routine's identity and
-- times beside the version's fields and habits. insert_routine, select_routine and
-- insert_routine_version all answer with it, so its keys are written here once. json, not
-- jsonb: the keys keep the order clients have always seen.
CREATE FUNCTION habits.routine_json(r habits.routines, v habits.routine_versions)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'routine_id', r.routine_id,
    'customer_id', r.customer_id,
    'family_id', r.family_id,
    'version', v.version,
    'name', v.name,
    'time_of_day', v.time_of_day,
    'custom_time', v.custom_time,
    'habits', habits.routine_habits(v.habit_ids),
    'effective_from', v.effective_from,
    'effective_to', v.effective_to,
    'created_at', r.created_at,
    'updated_at', r.updated_at
);

-- A fighter candidate of the UFC queue, as enqueue, claim and finish answer with it.
CREATE FUNCTION ufc.candidate_json(c ufc.fighter_candidates)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'id', c.id,
    'customer_id', c.customer_id,
    'full_name', c.full_name,
    'description', c.description,
    'dwcs_info', c.dwcs_info,
    'status', c.status,
    'attempts', c.attempts,
    'error', c.error,
    'created_at', c.created_at,
    'claimed_at', c.claimed_at,
    'lease_expires_at', c.lease_expires_at,
    'finished_at', c.finished_at
);

-- The session part of a message write (save_session, insert_message_pair): the caller's
-- session named by target_session gets the fields session_patch names ('patch ? key'; absent
-- keeps) and, when touch, its last_update; with no target_session a new session is created
-- with the patch's fields and the defaults. Returns the session_id, or NULL when
-- target_session is not the caller's. Written once here: both statements call it.
CREATE FUNCTION aiapp.write_message_session(
    for_customer bigint,
    target_session uuid,
    session_patch jsonb,
    touch boolean,
    user_settings jsonb
)
RETURNS uuid
LANGUAGE sql
VOLATILE
AS $$
    WITH touched AS (
        UPDATE aiapp.chat_sessions AS s
        SET
            session_name = CASE
                WHEN session_patch ? 'session_name' THEN p.session_name
                ELSE s.session_name
            END,
            ai_character_name = CASE
                WHEN session_patch ? 'ai_character_name' THEN p.ai_character_name
                ELSE s.ai_character_name
            END,
            ai_text_gen_model = CASE
                WHEN session_patch ? 'ai_text_gen_model' THEN p.ai_text_gen_model
                ELSE s.ai_text_gen_model
            END,
            tags = CASE WHEN session_patch ? 'tags' THEN p.tags ELSE s.tags END,
            auto_trigger_tts = CASE
                WHEN session_patch ? 'auto_trigger_tts' THEN p.auto_trigger_tts
                ELSE s.auto_trigger_tts
            END,
            claude_session_id = CASE
                WHEN session_patch ? 'claude_session_id' THEN p.claude_session_id
                ELSE s.claude_session_id
            END,
            last_update = CASE WHEN touch THEN now() ELSE s.last_update END
        FROM jsonb_populate_record(NULL::aiapp.chat_sessions, session_patch) AS p
        WHERE s.session_id = target_session AND s.customer_id = for_customer
        RETURNING s.session_id
    ),

    created AS (
        INSERT INTO aiapp.chat_sessions (
            customer_id, session_name, ai_character_name, ai_text_gen_model, tags,
            auto_trigger_tts, claude_session_id
        )
        SELECT
            for_customer,
            coalesce(p.session_name, 'New chat') AS session_name,
            coalesce(
                p.ai_character_name, user_settings #>> '{text,ai_character}', 'assistant'
            ) AS ai_character_name,
            p.ai_text_gen_model,
            coalesce(p.tags, '[]') AS tags,
            coalesce(p.auto_trigger_tts, FALSE) AS auto_trigger_tts,
            p.claude_session_id
        FROM jsonb_populate_record(NULL::aiapp.chat_sessions, session_patch) AS p
        WHERE target_session IS NULL
        RETURNING session_id
    )

    SELECT session_id FROM touched
    UNION ALL
    SELECT session_id FROM created
$$;
