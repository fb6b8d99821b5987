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
    -- /ready compares applied migrations with the files on disk.
    GRANT USAGE ON SCHEMA yoyo TO storage_app;
    GRANT SELECT ON yoyo._yoyo_migration TO storage_app;
END
$$;
