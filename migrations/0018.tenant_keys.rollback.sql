-- Undoes 0018.tenant_keys: the keys go back to the surrogate ids, and the customer_id that
-- children got from their parents is dropped again (the parent still knows it). Fails if two
-- users' tokens share a hash, which the old unique constraint refused.

-- Clinical.
ALTER TABLE clinical.alerts DROP CONSTRAINT alerts_patient_fkey;
ALTER TABLE clinical.biometrics DROP CONSTRAINT biometrics_patient_fkey;
ALTER TABLE clinical.digital_twins DROP CONSTRAINT digital_twins_patient_fkey;
ALTER TABLE clinical.patients
DROP CONSTRAINT patients_pkey,
ADD CONSTRAINT patients_pkey PRIMARY KEY (patient_id);

DROP INDEX clinical.alerts_patient_status_idx;
ALTER TABLE clinical.alerts
DROP CONSTRAINT alerts_pkey,
ADD CONSTRAINT alerts_pkey PRIMARY KEY (alert_id),
DROP COLUMN customer_id,
ADD CONSTRAINT alerts_patient_id_fkey FOREIGN KEY (patient_id)
REFERENCES clinical.patients (patient_id) ON DELETE CASCADE;
CREATE INDEX alerts_patient_status_idx ON clinical.alerts (patient_id, status, created_at);

DROP INDEX clinical.biometrics_patient_type_recorded_idx;
ALTER TABLE clinical.biometrics
DROP CONSTRAINT biometrics_pkey,
ADD CONSTRAINT biometrics_pkey PRIMARY KEY (biometric_id),
DROP COLUMN customer_id,
ADD CONSTRAINT biometrics_patient_id_fkey FOREIGN KEY (patient_id)
REFERENCES clinical.patients (patient_id) ON DELETE CASCADE;
CREATE INDEX biometrics_patient_type_recorded_idx ON clinical.biometrics (
    patient_id, type, recorded_at
);

DROP INDEX clinical.digital_twins_patient_idx;
ALTER TABLE clinical.digital_twins
DROP CONSTRAINT digital_twins_pkey,
ADD CONSTRAINT digital_twins_pkey PRIMARY KEY (twin_id),
DROP COLUMN customer_id,
ADD CONSTRAINT digital_twins_patient_id_fkey FOREIGN KEY (patient_id)
REFERENCES clinical.patients (patient_id) ON DELETE CASCADE;
CREATE INDEX digital_twins_patient_idx ON clinical.digital_twins (patient_id, created_at);

-- Habits.
DROP INDEX habits.habit_logs_log_id_idx;
ALTER TABLE habits.habit_logs
DROP CONSTRAINT habit_logs_pkey,
ADD CONSTRAINT habit_logs_pkey PRIMARY KEY (log_id);
ALTER TABLE habits.family_memberships
DROP CONSTRAINT family_memberships_pkey,
ADD CONSTRAINT family_memberships_pkey PRIMARY KEY (membership_id);

-- UFC.
DROP INDEX ufc.fighter_candidates_id_idx;
CREATE INDEX fighter_candidates_customer_id_idx ON ufc.fighter_candidates (customer_id);
ALTER TABLE ufc.fighter_candidates
DROP CONSTRAINT fighter_candidates_pkey,
ADD CONSTRAINT fighter_candidates_pkey PRIMARY KEY (id);
ALTER TABLE ufc.subscriptions
DROP CONSTRAINT subscriptions_pkey,
ADD CONSTRAINT subscriptions_pkey PRIMARY KEY (id);

-- Blood.
ALTER TABLE blood.blood_tests
DROP CONSTRAINT blood_tests_pkey,
ADD CONSTRAINT blood_tests_pkey PRIMARY KEY (id);

-- Chat: the views as 0003 and 0014 made them (the members' whole row loses customer_id
-- below), then the keys.
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

CREATE OR REPLACE VIEW aiapp.chat_group_original_documents AS
SELECT
    g.group_id,
    g.customer_id,
    g.updated_at,
    json_build_object(
        'id', g.group_id,
        'user_id', g.customer_id,
        'name', g.name,
        'mode', g.mode,
        'leader_agent', (
            SELECT m.agent_name
            FROM aiapp.chat_group_members AS m
            WHERE m.group_id = g.group_id AND m.role = 'leader'
        ),
        'context_window_size', g.context_window_size,
        'members', (
            SELECT
                coalesce(
                    json_agg(
                        json_build_object(
                            'agent_name', m.agent_name,
                            'position', m.position,
                            'last_response_at', m.last_response_at
                        )
                        ORDER BY m.position
                    ),
                    '[]'::json
                )
            FROM aiapp.chat_group_members AS m
            WHERE m.group_id = g.group_id
        ),
        'created_at', g.created_at,
        'updated_at', g.updated_at
    ) AS document
FROM aiapp.chat_groups AS g;

CREATE INDEX prompts_customer_idx ON aiapp.prompts (customer_id, prompt_id);
ALTER TABLE aiapp.prompts
DROP CONSTRAINT prompts_pkey,
ADD CONSTRAINT prompts_pkey PRIMARY KEY (prompt_id);

ALTER TABLE aiapp.session_summaries DROP CONSTRAINT session_summaries_session_fkey;
ALTER TABLE aiapp.chat_messages DROP CONSTRAINT chat_messages_session_fkey;
ALTER TABLE aiapp.chat_sessions DROP CONSTRAINT chat_sessions_group_fkey;
ALTER TABLE aiapp.chat_group_members DROP CONSTRAINT chat_group_members_group_fkey;

CREATE INDEX session_summaries_customer_idx ON aiapp.session_summaries (customer_id);
ALTER TABLE aiapp.session_summaries
DROP CONSTRAINT session_summaries_pkey,
ADD CONSTRAINT session_summaries_pkey PRIMARY KEY (session_id);

DROP INDEX aiapp.chat_messages_session_idx;
CREATE INDEX chat_messages_session_idx
ON aiapp.chat_messages (session_id, created_at, message_id);
ALTER TABLE aiapp.chat_messages
DROP CONSTRAINT chat_messages_pkey,
ADD CONSTRAINT chat_messages_pkey PRIMARY KEY (message_id);

DROP INDEX aiapp.chat_sessions_group_idx;
CREATE INDEX chat_sessions_group_idx ON aiapp.chat_sessions (group_id)
WHERE group_id IS NOT NULL;
ALTER TABLE aiapp.chat_sessions
DROP CONSTRAINT chat_sessions_pkey,
ADD CONSTRAINT chat_sessions_pkey PRIMARY KEY (session_id),
ADD CONSTRAINT chat_sessions_owner_key UNIQUE (session_id, customer_id);

DROP INDEX aiapp.chat_group_members_one_leader_key;
ALTER TABLE aiapp.chat_group_members
DROP CONSTRAINT chat_group_members_pkey,
DROP CONSTRAINT chat_group_members_position_key,
ADD CONSTRAINT chat_group_members_pkey PRIMARY KEY (group_id, agent_name),
ADD CONSTRAINT chat_group_members_position_key UNIQUE (group_id, position),
DROP COLUMN customer_id;
CREATE UNIQUE INDEX chat_group_members_one_leader_key ON aiapp.chat_group_members (group_id)
WHERE role = 'leader';

ALTER TABLE aiapp.chat_groups
DROP CONSTRAINT chat_groups_pkey,
ADD CONSTRAINT chat_groups_pkey PRIMARY KEY (group_id),
ADD CONSTRAINT chat_groups_owner_key UNIQUE (group_id, customer_id);

ALTER TABLE aiapp.chat_group_members
ADD CONSTRAINT chat_group_members_group_id_fkey FOREIGN KEY (group_id)
REFERENCES aiapp.chat_groups (group_id) ON DELETE CASCADE;
ALTER TABLE aiapp.chat_sessions
ADD CONSTRAINT chat_sessions_group_fkey FOREIGN KEY (group_id, customer_id)
REFERENCES aiapp.chat_groups (group_id, customer_id) ON DELETE SET NULL (group_id);
ALTER TABLE aiapp.chat_messages
ADD CONSTRAINT chat_messages_session_fkey FOREIGN KEY (session_id, customer_id)
REFERENCES aiapp.chat_sessions (session_id, customer_id) ON DELETE CASCADE;
ALTER TABLE aiapp.session_summaries
ADD CONSTRAINT session_summaries_session_fkey FOREIGN KEY (session_id, customer_id)
REFERENCES aiapp.chat_sessions (session_id, customer_id) ON DELETE CASCADE;

-- Auth tokens.
CREATE INDEX auth_tokens_customer_id_idx ON aiapp.auth_tokens (customer_id)
WHERE revoked_at IS NULL;
DROP INDEX aiapp.auth_tokens_token_hash_idx;
ALTER TABLE aiapp.auth_tokens
DROP CONSTRAINT auth_tokens_pkey,
ADD CONSTRAINT auth_tokens_pkey PRIMARY KEY (token_id),
ADD CONSTRAINT auth_tokens_token_hash_key UNIQUE (token_hash);
