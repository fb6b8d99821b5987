DROP VIEW aiapp.chat_group_original_documents;

CREATE INDEX chat_groups_name_search_idx ON aiapp.chat_groups
USING gin (to_tsvector('simple'::regconfig, coalesce(name, '')));
CREATE INDEX chat_sessions_search_idx ON aiapp.chat_sessions USING gin (search_vector);
CREATE INDEX chat_messages_search_idx ON aiapp.chat_messages USING gin (search_vector);

DROP INDEX aiapp.chat_groups_name_trgm_idx;
DROP INDEX aiapp.chat_sessions_name_trgm_idx;
DROP INDEX aiapp.chat_messages_message_trgm_idx;
-- pg_trgm stays: 0006.ufc created it and its rollback drops it. btree_gin is database-wide
-- too: drop it only when nothing else uses it.
DO $$
BEGIN
    DROP EXTENSION IF EXISTS btree_gin;
EXCEPTION WHEN dependent_objects_still_exist THEN
    RAISE NOTICE 'btree_gin is still used by other objects; keeping it';
END;
$$;
