-- depends: 0010.roles
-- What the original's clients need. Chat session search matches substrings in any letter case,
-- as the original's LIKE did: trigram indexes serve ILIKE '%text%' on the message
-- text, the session and character names and the group names. The whole-word tsvector indexes
-- of 0003 served the old full-text search only and go: the generated tsvector columns stay
-- (search ranks whole-word hits first by testing them on the matched rows).
-- pg_trgm already exists (0006.ufc); IF NOT EXISTS keeps this migration whole on its own. The
-- operator class is named with the schema pg_trgm is in, which only the catalogue knows.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
-- btree_gin (trusted contrib, like pg_trgm) lets one GIN index hold customer_id next to the
-- trigrams, so a user's search reads only that user's entries: the planner never has to pick
-- between the per-user btree and the text index.
CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;

DO $$
DECLARE
    trgm text := (
        SELECT n.nspname
        FROM pg_extension AS e
        INNER JOIN pg_namespace AS n ON e.extnamespace = n.oid
        WHERE e.extname = 'pg_trgm'
    );
    btree text := (
        SELECT n.nspname
        FROM pg_extension AS e
        INNER JOIN pg_namespace AS n ON e.extnamespace = n.oid
        WHERE e.extname = 'btree_gin'
    );
BEGIN
    EXECUTE format(
        'CREATE INDEX chat_messages_message_trgm_idx ON aiapp.chat_messages '
        'USING gin (customer_id %I.int8_ops, message %I.gin_trgm_ops)',
        btree,
        trgm
    );
    EXECUTE format(
        'CREATE INDEX chat_sessions_name_trgm_idx ON aiapp.chat_sessions '
        'USING gin (customer_id %I.int8_ops, '
        '(session_name || '' '' || ai_character_name) %I.gin_trgm_ops)',
        btree,
        trgm
    );
    EXECUTE format(
        'CREATE INDEX chat_groups_name_trgm_idx ON aiapp.chat_groups '
        'USING gin (customer_id %I.int8_ops, name %I.gin_trgm_ops)',
        btree,
        trgm
    );
END;
$$;

DROP INDEX aiapp.chat_messages_search_idx;
DROP INDEX aiapp.chat_sessions_search_idx;
DROP INDEX aiapp.chat_groups_name_search_idx;

-- A group chat in the original's GroupResponse shape, which its /api/v1/groups clients read
-- (id, user_id, members without role): select_original_group and list_original_groups both
-- read it, so the two answers cannot drift apart.
CREATE VIEW aiapp.chat_group_original_documents AS
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
