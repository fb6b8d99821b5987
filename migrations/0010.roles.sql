-- depends: 0003.chat 0005.blood 0006.ufc 0007.habits 0008.clinical 0009.training
-- Least privilege. Two cluster-wide roles:
--   storage_owner (NOLOGIN) owns every app schema and its objects: DDL, so migrations. A DBA
--     runs migrations as a login that is a member of it (GRANT storage_owner TO <dba>), or as
--     a superuser.
--   storage_app (LOGIN) is what the API connects as: USAGE on the app schemas and only
--     SELECT/INSERT/UPDATE/DELETE on their tables, never DDL; on clinical.access_log only
--     SELECT and INSERT (append-only by grant, not just by the table's trigger).
-- Ownership and grants are (re)applied by post-apply.grants.sql after every upgrade, so tables
-- that later migrations add are covered without each migration repeating the grants.
-- Roles are created only when the connecting user may create roles; otherwise nothing here
-- happens and the app keeps connecting as whoever DATABASE_URL names. Set a password for
-- storage_app yourself on a shared server (ALTER ROLE storage_app PASSWORD '...').

DO $$
BEGIN
    IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        RAISE NOTICE 'roles not created: % may not create roles', current_user;
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_owner') THEN
        CREATE ROLE storage_owner NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        CREATE ROLE storage_app LOGIN;
    END IF;
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        -- A CREATEROLE user (Supabase's postgres) must belong to the owner to hand it objects.
        EXECUTE format('GRANT storage_owner TO %I', current_user);
    END IF;
END
$$;
