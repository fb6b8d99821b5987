-- depends: 0014.original_clients 0016.privacy_admin
-- Citus-ready keys for the non-Garmin schemas: every per-user table leads its primary key and
-- each unique key with customer_id, and per-user tables reference each other by
-- (customer_id, ...), so each could be distributed by customer_id and joined co-located.
-- Children that were the user's only through their parent (chat group members; a patient's
-- twins, biometrics and alerts) gain customer_id, copied from the parent, NOT NULL.
-- Surrogate ids keep their identity/uuid defaults; only the key around them changes.
-- Reference tables (users, the blood catalogue, fighters, habit definitions shared by a
-- family, the audit logs) are listed with their reasons in README.md, "Citus-ready keys".

-- aiapp.auth_tokens. The bearer check finds a token by its hash before anyone is known, so
-- that lookup keeps an index of its own; a SHA-256 of 32 random bytes needs no unique
-- constraint to stay one of a kind.
ALTER TABLE aiapp.auth_tokens
DROP CONSTRAINT auth_tokens_pkey,
DROP CONSTRAINT auth_tokens_token_hash_key,
ADD CONSTRAINT auth_tokens_pkey PRIMARY KEY (customer_id, token_id);
CREATE INDEX auth_tokens_token_hash_idx ON aiapp.auth_tokens (token_hash);
-- The primary key serves "this user's tokens" now.
DROP INDEX aiapp.auth_tokens_customer_id_idx;

-- Chat: groups, their members, sessions, messages, summaries and prompts. The foreign keys
-- that point at the old keys go first, then come back composite, customer_id first.
ALTER TABLE aiapp.chat_group_members DROP CONSTRAINT chat_group_members_group_id_fkey;
ALTER TABLE aiapp.chat_sessions DROP CONSTRAINT chat_sessions_group_fkey;
ALTER TABLE aiapp.chat_messages DROP CONSTRAINT chat_messages_session_fkey;
ALTER TABLE aiapp.session_summaries DROP CONSTRAINT session_summaries_session_fkey;

ALTER TABLE aiapp.chat_groups
DROP CONSTRAINT chat_groups_pkey,
DROP CONSTRAINT chat_groups_owner_key,
ADD CONSTRAINT chat_groups_pkey PRIMARY KEY (customer_id, group_id);

ALTER TABLE aiapp.chat_group_members ADD COLUMN customer_id bigint;
UPDATE aiapp.chat_group_members AS m SET customer_id = g.customer_id
FROM aiapp.chat_groups AS g
WHERE m.group_id = g.group_id;
DROP INDEX aiapp.chat_group_members_one_leader_key;
ALTER TABLE aiapp.chat_group_members
ALTER COLUMN customer_id SET NOT NULL,
DROP CONSTRAINT chat_group_members_pkey,
DROP CONSTRAINT chat_group_members_position_key,
ADD CONSTRAINT chat_group_members_pkey PRIMARY KEY (customer_id, group_id, agent_name),
ADD CONSTRAINT chat_group_members_position_key UNIQUE (customer_id, group_id, position),
ADD CONSTRAINT chat_group_members_group_fkey FOREIGN KEY (customer_id, group_id)
REFERENCES aiapp.chat_groups (customer_id, group_id) ON DELETE CASCADE;
CREATE UNIQUE INDEX chat_group_members_one_leader_key
ON aiapp.chat_group_members (customer_id, group_id)
WHERE role = 'leader';

ALTER TABLE aiapp.chat_sessions
DROP CONSTRAINT chat_sessions_pkey,
DROP CONSTRAINT chat_sessions_owner_key,
ADD CONSTRAINT chat_sessions_pkey PRIMARY KEY (customer_id, session_id),
-- Deleting a group turns its sessions back into one-agent chats.
ADD CONSTRAINT chat_sessions_group_fkey FOREIGN KEY (customer_id, group_id)
REFERENCES aiapp.chat_groups (customer_id, group_id) ON DELETE SET NULL (group_id);
-- Serves the group reference (ON DELETE SET NULL) and a group's sessions.
DROP INDEX aiapp.chat_sessions_group_idx;
CREATE INDEX chat_sessions_group_idx ON aiapp.chat_sessions (customer_id, group_id)
WHERE group_id IS NOT NULL;

ALTER TABLE aiapp.chat_messages
DROP CONSTRAINT chat_messages_pkey,
ADD CONSTRAINT chat_messages_pkey PRIMARY KEY (customer_id, message_id),
ADD CONSTRAINT chat_messages_session_fkey FOREIGN KEY (customer_id, session_id)
REFERENCES aiapp.chat_sessions (customer_id, session_id) ON DELETE CASCADE;
-- Serves a session's messages in time order (detail, list with messages, the session cascade).
DROP INDEX aiapp.chat_messages_session_idx;
CREATE INDEX chat_messages_session_idx
ON aiapp.chat_messages (customer_id, session_id, created_at, message_id);

ALTER TABLE aiapp.session_summaries
DROP CONSTRAINT session_summaries_pkey,
ADD CONSTRAINT session_summaries_pkey PRIMARY KEY (customer_id, session_id),
ADD CONSTRAINT session_summaries_session_fkey FOREIGN KEY (customer_id, session_id)
REFERENCES aiapp.chat_sessions (customer_id, session_id) ON DELETE CASCADE;
-- The primary key serves the user reference now.
DROP INDEX aiapp.session_summaries_customer_idx;

ALTER TABLE aiapp.prompts
DROP CONSTRAINT prompts_pkey,
ADD CONSTRAINT prompts_pkey PRIMARY KEY (customer_id, prompt_id);
-- Was (customer_id, prompt_id): the primary key itself.
DROP INDEX aiapp.prompts_customer_idx;

-- A group as the API shows it, as before, with members read through the composite key and
-- named column by column (the members' new customer_id stays out of the answer).
CREATE OR REPLACE VIEW aiapp.chat_group_documents AS
SELECT
    g.group_id,
    g.customer_id,
    g.updated_at,
    jsonb_build_object(
        'group_id', g.group_id,
        'customer_id', g.customer_id,
        'name', g.name,
        'mode', g.mode,
        'context_window_size', g.context_window_size,
        'created_at', g.created_at,
        'updated_at', g.updated_at,
        'leader_agent', (
            SELECT m.agent_name
            FROM aiapp.chat_group_members AS m
            WHERE
                m.customer_id = g.customer_id
                AND m.group_id = g.group_id
                AND m.role = 'leader'
        ),
        'members', (
            SELECT
                coalesce(
                    jsonb_agg(
                        jsonb_build_object(
                            'agent_name', m.agent_name,
                            'position', m.position,
                            'role', m.role,
                            'last_response_at', m.last_response_at,
                            'created_at', m.created_at
                        )
                        ORDER BY m.position
                    ),
                    '[]'
                )
            FROM aiapp.chat_group_members AS m
            WHERE m.customer_id = g.customer_id AND m.group_id = g.group_id
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
            WHERE
                m.customer_id = g.customer_id
                AND m.group_id = g.group_id
                AND m.role = 'leader'
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
            WHERE m.customer_id = g.customer_id AND m.group_id = g.group_id
        ),
        'created_at', g.created_at,
        'updated_at', g.updated_at
    ) AS document
FROM aiapp.chat_groups AS g;

-- Blood: a user's results. The catalogue they point at is reference data.
ALTER TABLE blood.blood_tests
DROP CONSTRAINT blood_tests_pkey,
ADD CONSTRAINT blood_tests_pkey PRIMARY KEY (customer_id, id);

-- UFC: subscriptions and the fighter-candidate queue. Fighters are reference data.
ALTER TABLE ufc.subscriptions
DROP CONSTRAINT subscriptions_pkey,
ADD CONSTRAINT subscriptions_pkey PRIMARY KEY (customer_id, id);
ALTER TABLE ufc.fighter_candidates
DROP CONSTRAINT fighter_candidates_pkey,
ADD CONSTRAINT fighter_candidates_pkey PRIMARY KEY (customer_id, id);
-- The primary key serves the user cascade now. The queue is drained across users by an admin
-- worker that finishes a candidate by its id alone (the route names no owner), so the id
-- keeps an index of its own.
DROP INDEX ufc.fighter_candidates_customer_id_idx;
CREATE INDEX fighter_candidates_id_idx ON ufc.fighter_candidates (id);

-- Habits: a member's memberships and day logs. Families, and the habits and routines a family
-- shares, are reference data. The unique keys (family_id, customer_id) and
-- (habit_id, customer_id, log_date) already hold customer_id and stay: family_id and habit_id
-- leading them serve a family's members and a habit's logs.
ALTER TABLE habits.family_memberships
DROP CONSTRAINT family_memberships_pkey,
ADD CONSTRAINT family_memberships_pkey PRIMARY KEY (customer_id, membership_id);
ALTER TABLE habits.habit_logs
DROP CONSTRAINT habit_logs_pkey,
ADD CONSTRAINT habit_logs_pkey PRIMARY KEY (customer_id, log_id);
-- A family's owners and admins change a member's log by its id (the member is not the caller),
-- so the id keeps an index of its own.
CREATE INDEX habit_logs_log_id_idx ON habits.habit_logs (log_id);

-- Clinical: a clinician's patients and what hangs off them.
ALTER TABLE clinical.digital_twins DROP CONSTRAINT digital_twins_patient_id_fkey;
ALTER TABLE clinical.biometrics DROP CONSTRAINT biometrics_patient_id_fkey;
ALTER TABLE clinical.alerts DROP CONSTRAINT alerts_patient_id_fkey;
ALTER TABLE clinical.patients
DROP CONSTRAINT patients_pkey,
ADD CONSTRAINT patients_pkey PRIMARY KEY (customer_id, patient_id);

ALTER TABLE clinical.digital_twins ADD COLUMN customer_id bigint;
UPDATE clinical.digital_twins AS t SET customer_id = p.customer_id
FROM clinical.patients AS p
WHERE t.patient_id = p.patient_id;
ALTER TABLE clinical.digital_twins
ALTER COLUMN customer_id SET NOT NULL,
DROP CONSTRAINT digital_twins_pkey,
ADD CONSTRAINT digital_twins_pkey PRIMARY KEY (customer_id, twin_id),
ADD CONSTRAINT digital_twins_patient_fkey FOREIGN KEY (customer_id, patient_id)
REFERENCES clinical.patients (customer_id, patient_id) ON DELETE CASCADE;
-- Serves a patient's twins (list_twins) and the patient foreign key's cascade.
DROP INDEX clinical.digital_twins_patient_idx;
CREATE INDEX digital_twins_patient_idx
ON clinical.digital_twins (customer_id, patient_id, created_at);

ALTER TABLE clinical.biometrics ADD COLUMN customer_id bigint;
UPDATE clinical.biometrics AS b SET customer_id = p.customer_id
FROM clinical.patients AS p
WHERE b.patient_id = p.patient_id;
ALTER TABLE clinical.biometrics
ALTER COLUMN customer_id SET NOT NULL,
DROP CONSTRAINT biometrics_pkey,
ADD CONSTRAINT biometrics_pkey PRIMARY KEY (customer_id, biometric_id),
ADD CONSTRAINT biometrics_patient_fkey FOREIGN KEY (customer_id, patient_id)
REFERENCES clinical.patients (customer_id, patient_id) ON DELETE CASCADE;
-- Serves list_biometrics (one patient, types, a time window) and the patient cascade.
DROP INDEX clinical.biometrics_patient_type_recorded_idx;
CREATE INDEX biometrics_patient_type_recorded_idx
ON clinical.biometrics (customer_id, patient_id, type, recorded_at);

ALTER TABLE clinical.alerts ADD COLUMN customer_id bigint;
UPDATE clinical.alerts AS a SET customer_id = p.customer_id
FROM clinical.patients AS p
WHERE a.patient_id = p.patient_id;
ALTER TABLE clinical.alerts
ALTER COLUMN customer_id SET NOT NULL,
DROP CONSTRAINT alerts_pkey,
ADD CONSTRAINT alerts_pkey PRIMARY KEY (customer_id, alert_id),
ADD CONSTRAINT alerts_patient_fkey FOREIGN KEY (customer_id, patient_id)
REFERENCES clinical.patients (customer_id, patient_id) ON DELETE CASCADE;
-- Serves list_alerts (one patient, some statuses, newest first) and the patient cascade.
DROP INDEX clinical.alerts_patient_status_idx;
CREATE INDEX alerts_patient_status_idx
ON clinical.alerts (customer_id, patient_id, status, created_at);
