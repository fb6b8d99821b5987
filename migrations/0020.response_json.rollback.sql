-- Undoes 0020.response_json: the group documents are built from whole rows again.
CREATE OR REPLACE VIEW aiapp.chat_group_documents AS
SELECT
    g.group_id,
    g.customer_id,
    g.updated_at,
    to_jsonb(g)
    || jsonb_build_object(
        'leader_agent', (
            SELECT m.agent_name
            FROM aiapp.chat_group_members AS m
            WHERE m.group_id = g.group_id AND m.role = 'leader'
        ),
        'members', (
            SELECT coalesce(jsonb_agg(to_jsonb(m) - 'group_id' ORDER BY m.position), '[]')
            FROM aiapp.chat_group_members AS m
            WHERE m.group_id = g.group_id
        )
    ) AS document
FROM aiapp.chat_groups AS g;

DROP FUNCTION clinical.alert_json(clinical.alerts);
DROP FUNCTION clinical.biometric_json(clinical.biometrics);
DROP FUNCTION clinical.twin_json(clinical.digital_twins);
DROP FUNCTION clinical.patient_json(clinical.patients);
DROP FUNCTION habits.habit_log_json(habits.habit_logs);
DROP FUNCTION habits.habit_json(habits.habits);
DROP FUNCTION aiapp.summary_json(aiapp.session_summaries);
DROP FUNCTION aiapp.prompt_json(aiapp.prompts);
DROP FUNCTION aiapp.message_json(aiapp.chat_messages);
DROP FUNCTION aiapp.session_json(aiapp.chat_sessions);
