-- Undoes 0019.row_security: every policy post-apply.grants.sql or 0019 made on the app
-- schemas' tables, row-level security itself, the read audit and the functions.
DO $$
DECLARE
    policy record;
    relation record;
BEGIN
    FOR policy IN
        SELECT p.schemaname, p.tablename, p.policyname FROM pg_policies AS p
        WHERE
            p.schemaname IN ('aiapp', 'aiapp_nonprod', 'blood', 'ufc', 'habits', 'clinical')
            AND p.policyname IN ('customer_rows', 'maintenance_bypass', 'owner_rows')
    LOOP
        EXECUTE format(
            'DROP POLICY %I ON %I.%I', policy.policyname, policy.schemaname, policy.tablename
        );
    END LOOP;
    FOR relation IN
        SELECT c.oid::regclass AS name FROM pg_class AS c
        WHERE
            c.relnamespace::regnamespace::text IN (
                'aiapp', 'aiapp_nonprod', 'blood', 'ufc', 'habits', 'clinical'
            )
            AND c.relkind IN ('r', 'p')
            AND c.relrowsecurity
    LOOP
        EXECUTE format(
            'ALTER TABLE %s NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY',
            relation.name
        );
    END LOOP;
END
$$;

DROP TABLE aiapp.health_reads;
DROP FUNCTION aiapp.refuse_health_reads_change();
DROP FUNCTION aiapp.resolve_token(bytea, bigint);
DROP FUNCTION aiapp.customer_id_of_email(text);
DROP FUNCTION habits.visible_customers();
DROP FUNCTION habits.visible_families();
