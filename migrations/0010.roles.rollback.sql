-- Give this database's objects back to the migrating user and take storage_app's privileges
-- here away. The roles are cluster-wide: they are dropped only when no other database on the
-- server still has objects or privileges of theirs.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_owner') THEN
        EXECUTE format('REASSIGN OWNED BY storage_owner TO %I', current_user);
        DROP OWNED BY storage_owner;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        DROP OWNED BY storage_app;
    END IF;
    IF NOT EXISTS (
        SELECT FROM pg_shdepend AS d
        INNER JOIN pg_roles AS r ON d.refobjid = r.oid
        WHERE r.rolname IN ('storage_owner', 'storage_app')
            AND d.dbid <> (SELECT oid FROM pg_database WHERE datname = current_database())
    ) THEN
        DROP ROLE IF EXISTS storage_app;
        DROP ROLE IF EXISTS storage_owner;
    END IF;
END
$$;
