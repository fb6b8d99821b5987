-- depends: 0019.row_security
-- One response path (issue 11, point 1): every answer's JSON is built by PostgreSQL from an
-- explicit column list, never from a whole row (to_jsonb(alias)), so a renamed or added
-- column cannot silently change the API. An entity that several statements answer with has
-- its list once, in a function here (as blood.result_json and ufc.fighter_json do); the
-- keys and values are those to_jsonb gave before, so clients see the same fields.

-- A chat session (without its messages); search_vector is an index column, not data.
CREATE FUNCTION aiapp.session_json(s aiapp.chat_sessions)
RETURNS jsonb
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN jsonb_build_object(
    'session_id', s.session_id,
    'customer_id', s.customer_id,
    'session_name', s.session_name,
    'ai_character_name', s.ai_character_name,
    'ai_text_gen_model', s.ai_text_gen_model,
    'auto_trigger_tts', s.auto_trigger_tts,
    'claude_session_id', s.claude_session_id,
    'tags', s.tags,
    'group_id', s.group_id,
    'created_at', s.created_at,
    'last_update', s.last_update,
    'task_status', s.task_status,
    'task_priority', s.task_priority,
    'task_description', s.task_description
);

-- A chat message.
CREATE FUNCTION aiapp.message_json(m aiapp.chat_messages)
RETURNS jsonb
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN jsonb_build_object(
    'message_id', m.message_id,
    'session_id', m.session_id,
    'customer_id', m.customer_id,
    'sender', m.sender,
    'message', m.message,
    'ai_reasoning', m.ai_reasoning,
    'image_locations', m.image_locations,
    'image_description', m.image_description,
    'file_locations', m.file_locations,
    'chart_data', m.chart_data,
    'ai_character_name', m.ai_character_name,
    'is_tts', m.is_tts,
    'api_text_gen_model_name', m.api_text_gen_model_name,
    'api_text_gen_settings', m.api_text_gen_settings,
    'api_tts_gen_model_name', m.api_tts_gen_model_name,
    'api_image_gen_settings', m.api_image_gen_settings,
    'image_generation_request', m.image_generation_request,
    'claude_code_data', m.claude_code_data,
    'is_gps_location_message', m.is_gps_location_message,
    'show_transcribe_button', m.show_transcribe_button,
    'favorite', m.favorite,
    'test_mode', m.test_mode,
    'responding_agent', m.responding_agent,
    'time_to_first_token_ms', m.time_to_first_token_ms,
    'total_generation_ms', m.total_generation_ms,
    'created_at', m.created_at
);

-- A saved prompt.
CREATE FUNCTION aiapp.prompt_json(p aiapp.prompts)
RETURNS jsonb
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN jsonb_build_object(
    'prompt_id', p.prompt_id,
    'customer_id', p.customer_id,
    'title', p.title,
    'prompt', p.prompt,
    'created_at', p.created_at,
    'updated_at', p.updated_at
);

-- A session summary (is_stale is added by the statements that know the session).
CREATE FUNCTION aiapp.summary_json(ss aiapp.session_summaries)
RETURNS jsonb
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN jsonb_build_object(
    'session_id', ss.session_id,
    'customer_id', ss.customer_id,
    'summary', ss.summary,
    'key_topics', ss.key_topics,
    'main_entities', ss.main_entities,
    'message_count', ss.message_count,
    'first_message_date', ss.first_message_date,
    'last_message_date', ss.last_message_date,
    'tags', ss.tags,
    'summary_model', ss.summary_model,
    'summary_config_version', ss.summary_config_version,
    'generated_at', ss.generated_at,
    'last_updated', ss.last_updated
);

-- A habit, with seed 003's names for habit_type and target_unit beside them.
CREATE FUNCTION habits.habit_json(h habits.habits)
RETURNS jsonb
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN jsonb_build_object(
    'habit_id', h.habit_id,
    'customer_id', h.customer_id,
    'family_id', h.family_id,
    'name', h.name,
    'description', h.description,
    'habit_type', h.habit_type,
    'target_value', h.target_value,
    'target_unit', h.target_unit,
    'frequency', h.frequency,
    'days_of_week', h.days_of_week,
    'active', h.active,
    'created_at', h.created_at,
    'updated_at', h.updated_at,
    'type', h.habit_type,
    'unit', h.target_unit
);

-- A habit log (deleted_at is added by the statements that delete and restore).
CREATE FUNCTION habits.habit_log_json(l habits.habit_logs)
RETURNS jsonb
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN jsonb_build_object(
    'log_id', l.log_id,
    'habit_id', l.habit_id,
    'customer_id', l.customer_id,
    'logged_by', l.logged_by,
    'log_date', l.log_date,
    'value', l.value,
    'target_value', l.target_value,
    'completed', l.completed,
    'note', l.note,
    'created_at', l.created_at,
    'updated_at', l.updated_at
);

-- A patient of a clinician.
CREATE FUNCTION clinical.patient_json(p clinical.patients)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'patient_id', p.patient_id,
    'customer_id', p.customer_id,
    'medical_record_number', p.medical_record_number,
    'first_name', p.first_name,
    'last_name', p.last_name,
    'date_of_birth', p.date_of_birth,
    'sex', p.sex,
    'email', p.email,
    'phone', p.phone,
    'address', p.address,
    'created_at', p.created_at,
    'updated_at', p.updated_at
);

-- A digital twin.
CREATE FUNCTION clinical.twin_json(t clinical.digital_twins)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'twin_id', t.twin_id,
    'patient_id', t.patient_id,
    'type', t.type,
    'name', t.name,
    'description', t.description,
    'version', t.version,
    'data', t.data,
    'created_at', t.created_at,
    'updated_at', t.updated_at
);

-- A biometric reading.
CREATE FUNCTION clinical.biometric_json(b clinical.biometrics)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'biometric_id', b.biometric_id,
    'patient_id', b.patient_id,
    'type', b.type,
    'recorded_at', b.recorded_at,
    'value', b.value,
    'device_id', b.device_id,
    'metadata', b.metadata,
    'created_at', b.created_at
);

-- An alert.
CREATE FUNCTION clinical.alert_json(a clinical.alerts)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'alert_id', a.alert_id,
    'patient_id', a.patient_id,
    'type', a.type,
    'priority', a.priority,
    'status', a.status,
    'message', a.message,
    'data', a.data,
    'resolved_at', a.resolved_at,
    'resolution_notes', a.resolution_notes,
    'created_at', a.created_at,
    'updated_at', a.updated_at
);
