-- depends: 0002.users
-- Chat history: multi-agent groups, sessions, messages, saved prompts and session summaries.
-- Every row belongs to a user (customer_id). Children carry their parent's customer_id and
-- reference the parent by (id, customer_id), so a message can never sit in another user's
-- session, nor a session in another user's group.
-- Search: sessions and messages keep a generated tsvector in the language-neutral 'simple'
-- configuration (lower-cased words, no stemming), so Polish, English or any other text is found.

CREATE TABLE aiapp.chat_groups (
    group_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    name text CHECK (char_length(name) BETWEEN 1 AND 255),
    mode text NOT NULL CHECK (mode IN ('sequential', 'leader_listeners', 'explicit')),
    context_window_size integer NOT NULL DEFAULT 6 CHECK (context_window_size BETWEEN 3 AND 10),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- The target of the sessions' (group_id, customer_id) reference.
    CONSTRAINT chat_groups_owner_key UNIQUE (group_id, customer_id)
);
-- Serves list_groups (a user's groups, most recently changed first).
CREATE INDEX chat_groups_customer_idx ON aiapp.chat_groups (customer_id, updated_at DESC);
-- Serves the group-name part of search_sessions.
CREATE INDEX chat_groups_name_search_idx ON aiapp.chat_groups
USING gin (to_tsvector('simple'::regconfig, coalesce(name, '')));

CREATE TRIGGER chat_groups_touch_updated_at BEFORE UPDATE ON aiapp.chat_groups
FOR EACH ROW EXECUTE FUNCTION aiapp.touch_updated_at();

-- The agents of a group, in speaking order. Exactly one of them leads.
CREATE TABLE aiapp.chat_group_members (
    group_id uuid NOT NULL REFERENCES aiapp.chat_groups (group_id) ON DELETE CASCADE,
    agent_name text NOT NULL CHECK (
        char_length(agent_name) BETWEEN 1 AND 50 AND agent_name = lower(btrim(agent_name))
    ),
    position integer NOT NULL CHECK (position >= 0),
    role text NOT NULL DEFAULT 'member' CHECK (role IN ('leader', 'member')),
    last_response_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, agent_name),
    CONSTRAINT chat_group_members_position_key UNIQUE (group_id, position)
);
CREATE UNIQUE INDEX chat_group_members_one_leader_key ON aiapp.chat_group_members (group_id)
WHERE role = 'leader';

-- A group chat as the API shows it: the group with its leader and its members in speaking
-- order. select_group and list_groups both read it, so the two answers cannot drift apart.
CREATE VIEW aiapp.chat_group_documents AS
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

CREATE TABLE aiapp.chat_sessions (
    session_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    session_name text NOT NULL DEFAULT 'New chat' CHECK (char_length(session_name) <= 100),
    ai_character_name text NOT NULL DEFAULT 'assistant'
    CHECK (char_length(ai_character_name) BETWEEN 1 AND 50),
    ai_text_gen_model text CHECK (char_length(ai_text_gen_model) <= 50),
    auto_trigger_tts boolean NOT NULL DEFAULT FALSE,
    claude_session_id text CHECK (char_length(claude_session_id) <= 36),
    tags jsonb NOT NULL DEFAULT '[]' CHECK (
        jsonb_typeof(tags) = 'array'
        AND NOT jsonb_path_exists(tags, '$[*] ? (@.type() != "string")')
    ),
    group_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_update timestamptz NOT NULL DEFAULT now(),
    task_status text CHECK (task_status IN ('active', 'waiting', 'done')),
    task_priority text CHECK (task_priority IN ('high', 'medium', 'low')),
    task_description text CHECK (char_length(task_description) <= 500),
    search_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, session_name || ' ' || ai_character_name)
    ) STORED,
    -- The target of the (session_id, customer_id) references of messages and summaries.
    CONSTRAINT chat_sessions_owner_key UNIQUE (session_id, customer_id),
    -- Deleting a group turns its sessions back into one-agent chats.
    CONSTRAINT chat_sessions_group_fkey FOREIGN KEY (group_id, customer_id)
    REFERENCES aiapp.chat_groups (group_id, customer_id) ON DELETE SET NULL (group_id)
);
-- Serves list_sessions (a user's sessions newest first, filtered by dates) and
-- list_stale_summaries.
CREATE INDEX chat_sessions_customer_last_update_idx
ON aiapp.chat_sessions (customer_id, last_update DESC, created_at DESC);
-- Serves the case-insensitive tag filter of list_sessions (?| on the lower-cased tags).
CREATE INDEX chat_sessions_tags_idx ON aiapp.chat_sessions
USING gin ((lower(tags::text)::jsonb));
-- Serves the character and task filters of list_sessions, and a character's latest session.
CREATE INDEX chat_sessions_character_task_idx
ON aiapp.chat_sessions (customer_id, ai_character_name, task_status);
-- Serves the session-name part of search_sessions.
CREATE INDEX chat_sessions_search_idx ON aiapp.chat_sessions USING gin (search_vector);
-- Serves the group reference (ON DELETE SET NULL) and the group-name part of search_sessions.
CREATE INDEX chat_sessions_group_idx ON aiapp.chat_sessions (group_id)
WHERE group_id IS NOT NULL;

CREATE TABLE aiapp.chat_messages (
    message_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id uuid NOT NULL,
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    sender text NOT NULL CHECK (sender IN ('User', 'AI')),
    message text,
    ai_reasoning text,
    image_locations jsonb NOT NULL DEFAULT '[]' CHECK (
        jsonb_typeof(image_locations) = 'array'
        AND NOT jsonb_path_exists(image_locations, '$[*] ? (@.type() != "string")')
    ),
    image_description text,
    file_locations jsonb NOT NULL DEFAULT '[]' CHECK (
        jsonb_typeof(file_locations) = 'array'
        AND NOT jsonb_path_exists(file_locations, '$[*] ? (@.type() != "string")')
    ),
    chart_data jsonb,
    ai_character_name text,
    is_tts boolean NOT NULL DEFAULT FALSE,
    api_text_gen_model_name text,
    api_text_gen_settings jsonb,
    api_tts_gen_model_name text,
    api_image_gen_settings jsonb,
    image_generation_request jsonb,
    claude_code_data jsonb,
    is_gps_location_message boolean NOT NULL DEFAULT FALSE,
    show_transcribe_button boolean NOT NULL DEFAULT FALSE,
    favorite boolean NOT NULL DEFAULT FALSE,
    test_mode boolean NOT NULL DEFAULT FALSE,
    responding_agent text CHECK (char_length(responding_agent) <= 50),
    time_to_first_token_ms integer CHECK (time_to_first_token_ms >= 0),
    total_generation_ms integer CHECK (total_generation_ms >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    search_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, coalesce(message, ''))
    ) STORED,
    CONSTRAINT chat_messages_session_fkey FOREIGN KEY (session_id, customer_id)
    REFERENCES aiapp.chat_sessions (session_id, customer_id) ON DELETE CASCADE
);
-- Serves a session's messages in time order (detail, list with messages, the session cascade).
CREATE INDEX chat_messages_session_idx
ON aiapp.chat_messages (session_id, created_at, message_id);
-- Serves the user reference (ON DELETE CASCADE) and per-user message scans.
CREATE INDEX chat_messages_customer_idx ON aiapp.chat_messages (customer_id, created_at DESC);
-- Serves the message part of search_sessions.
CREATE INDEX chat_messages_search_idx ON aiapp.chat_messages USING gin (search_vector);
-- Serves select_favorites.
CREATE INDEX chat_messages_favorite_idx ON aiapp.chat_messages (customer_id, created_at DESC)
WHERE favorite;
-- Serves list_file_messages (the file audit): only messages with attachments are indexed.
CREATE INDEX chat_messages_attachment_idx
ON aiapp.chat_messages (customer_id, created_at DESC, message_id DESC)
WHERE file_locations <> '[]'::jsonb OR image_locations <> '[]'::jsonb;

CREATE TABLE aiapp.prompts (
    prompt_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
    prompt text NOT NULL CHECK (char_length(prompt) >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- Serves list_prompts (a user's prompts in creation order).
CREATE INDEX prompts_customer_idx ON aiapp.prompts (customer_id, prompt_id);

CREATE TRIGGER prompts_touch_updated_at BEFORE UPDATE ON aiapp.prompts
FOR EACH ROW EXECUTE FUNCTION aiapp.touch_updated_at();

-- One summary per session, written by the summariser worker. It is stale when its session's
-- last_update is newer than its last_updated.
CREATE TABLE aiapp.session_summaries (
    session_id uuid PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    summary text NOT NULL CHECK (char_length(summary) >= 1),
    key_topics jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(key_topics) = 'array'),
    main_entities jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(main_entities) = 'array'),
    message_count integer NOT NULL CHECK (message_count >= 0),
    first_message_date timestamptz NOT NULL,
    last_message_date timestamptz NOT NULL,
    tags jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),
    summary_model text NOT NULL CHECK (char_length(summary_model) BETWEEN 1 AND 100),
    summary_config_version integer NOT NULL DEFAULT 1 CHECK (summary_config_version >= 1),
    generated_at timestamptz NOT NULL DEFAULT now(),
    last_updated timestamptz NOT NULL DEFAULT now(),
    CHECK (first_message_date <= last_message_date),
    CONSTRAINT session_summaries_session_fkey FOREIGN KEY (session_id, customer_id)
    REFERENCES aiapp.chat_sessions (session_id, customer_id) ON DELETE CASCADE
);
-- Serves the user reference (ON DELETE CASCADE).
CREATE INDEX session_summaries_customer_idx ON aiapp.session_summaries (customer_id);
