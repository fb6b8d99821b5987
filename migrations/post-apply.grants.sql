-- Runs after every upgrade that applied a migration (yoyo's post-apply hook; not recorded as a
-- migration). Hands every object of the app schemas to storage_owner and grants storage_app
-- exactly the DML the API needs, so new tables are covered the moment they are created.
-- Does nothing where 0010.roles could not create the roles.

DO $$
DECLARE
    app_schema text;
    relation record;
    routine record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app')
        OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_owner') THEN
        RETURN;
    END IF;
    IF NOT pg_has_role(current_user, 'storage_owner', 'MEMBER') THEN
        RAISE NOTICE 'grants not refreshed: % is not a member of storage_owner', current_user;
        RETURN;
    END IF;
    FOREACH app_schema IN ARRAY ARRAY[
        'aiapp', 'aiapp_nonprod', 'blood', 'ufc', 'habits', 'clinical'
    ] LOOP
        CONTINUE WHEN to_regnamespace(app_schema) IS NULL;
        EXECUTE format('ALTER SCHEMA %I OWNER TO storage_owner', app_schema);
        -- Tables carry their indexes and owned sequences along; views are listed on their own.
        FOR relation IN
            SELECT c.relname, c.relkind FROM pg_class AS c
            WHERE c.relnamespace = to_regnamespace(app_schema) AND c.relkind IN ('r', 'p', 'v', 'm')
        LOOP
            EXECUTE format(
                'ALTER %s %I.%I OWNER TO storage_owner',
                CASE relation.relkind
                    WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE'
                END,
                app_schema, relation.relname
            );
        END LOOP;
        FOR routine IN
            SELECT p.oid::regprocedure AS signature FROM pg_proc AS p
            WHERE p.pronamespace = to_regnamespace(app_schema)
                AND NOT EXISTS (
                    SELECT FROM pg_depend AS d WHERE d.objid = p.oid AND d.deptype = 'e'
                )
        LOOP
            EXECUTE format('ALTER ROUTINE %s OWNER TO storage_owner', routine.signature);
        END LOOP;
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO storage_app', app_schema);
        EXECUTE format(
            'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO storage_app',
            app_schema
        );
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO storage_app', app_schema);
    END LOOP;
    IF to_regclass('clinical.access_log') IS NOT NULL THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON clinical.access_log FROM storage_app;
    END IF;
    IF to_regclass('clinical.interaction_log') IS NOT NULL THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON clinical.interaction_log FROM storage_app;
    END IF;
    IF to_regclass('aiapp.admin_audit') IS NOT NULL THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON aiapp.admin_audit FROM storage_app;
    END IF;
    IF to_regclass('aiapp.health_reads') IS NOT NULL THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON aiapp.health_reads FROM storage_app;
    END IF;
    -- Row-level security (0019.row_security): every table of the app schemas with a customer_id
    -- column, partitions included, enabled and forced, with the three policies 0019 describes
    -- where it has none of that name yet (0019 gives a few tables their own customer_rows).
    -- Judged by the column, so a table added or rebuilt by any later migration is covered.
    IF to_regprocedure('aiapp.resolve_token(bytea, bigint)') IS NOT NULL THEN
        FOR relation IN
            SELECT c.oid, c.oid::regclass AS name FROM pg_class AS c
            INNER JOIN pg_attribute AS a ON a.attrelid = c.oid
            WHERE
                c.relnamespace::regnamespace::text IN (
                    'aiapp', 'aiapp_nonprod', 'blood', 'ufc', 'habits', 'clinical'
                )
                AND c.relkind IN ('r', 'p')
                AND a.attname = 'customer_id'
                AND NOT a.attisdropped
        LOOP
            EXECUTE format(
                'ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', relation.name
            );
            IF NOT EXISTS (
                SELECT FROM pg_policy WHERE polrelid = relation.oid AND polname = 'customer_rows'
            ) THEN
                EXECUTE format(
                    'CREATE POLICY customer_rows ON %s TO storage_app USING (customer_id = ('
                    'SELECT nullif(current_setting(''app.customer_id'', TRUE), '''')::bigint))',
                    relation.name
                );
            END IF;
            IF NOT EXISTS (
                SELECT FROM pg_policy WHERE polrelid = relation.oid AND polname = 'maintenance_bypass'
            ) THEN
                EXECUTE format(
                    'CREATE POLICY maintenance_bypass ON %s TO storage_app USING ('
                    '(SELECT current_setting(''app.rls_bypass'', TRUE)) = ''on'')',
                    relation.name
                );
            END IF;
            IF NOT EXISTS (
                SELECT FROM pg_policy WHERE polrelid = relation.oid AND polname = 'owner_rows'
            ) THEN
                EXECUTE format(
                    'CREATE POLICY owner_rows ON %s TO storage_owner USING (TRUE)', relation.name
                );
            END IF;
        END LOOP;
    END IF;
    -- /ready compares applied migrations with the files on disk.
    GRANT USAGE ON SCHEMA yoyo TO storage_app;
    GRANT SELECT ON yoyo._yoyo_migration TO storage_app;
END
$$;
