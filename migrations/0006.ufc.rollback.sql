DROP TABLE ufc.fighter_candidates;
DROP TABLE ufc.subscriptions;
DROP FUNCTION ufc.fighter_json(ufc.fighters);
DROP TABLE ufc.fighters;
DROP FUNCTION ufc.fighter_search_text(text, text, jsonb);

-- pg_trgm is database-wide: another schema's index may use it too. Drop it only when nothing
-- depends on it any more; otherwise leave it for its other users.
DO $$
BEGIN
    DROP EXTENSION IF EXISTS pg_trgm;
EXCEPTION WHEN dependent_objects_still_exist THEN
    RAISE NOTICE 'pg_trgm is still used by other objects; keeping it';
END;
$$;
