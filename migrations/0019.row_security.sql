-- depends: 0011.blood_catalogue 0017.garmin_scale 0018.tenant_keys
-- Row-level security as defence in depth, and the audit of health reads (issue 15, points 3, 4).
--
-- Row-level security. Every table of the app schemas with a customer_id column has RLS
-- enabled and forced; migrations/post-apply.grants.sql does that after every upgrade, from
-- the catalogue, so a table that a later migration adds or rebuilds is covered the moment it
-- exists. Its policies (for a table no migration gave its own customer_rows policy):
--   customer_rows       storage_app sees and writes the rows of app.customer_id, the
--                       transaction-local setting the app sets from the authenticated (or
--                       acted-for) user in the pipeline that opens each transaction. Unset, or
--                       reset to '' after a transaction that set it, nullif() makes it NULL:
--                       no row matches and nothing errors.
--   maintenance_bypass  storage_app sees and writes every row while app.rls_bypass = 'on',
--                       which only the paths README.md names set (login, admin routes, the
--                       erasure, CLI commands), transaction-local like app.customer_id.
--   owner_rows          storage_owner (migrations, and SECURITY DEFINER functions such as
--                       clinical.erase_subject and aiapp.resolve_token below) sees every row:
--                       FORCE subjects the owner to RLS too.
-- The settings are read in scalar subqueries, so each statement evaluates them once (an
-- InitPlan), not once per row, and customer_id = <that value> can still use an index.
-- This migration defines the policies that the generic one would get wrong: the habits
-- tables, whose family rows every member sees, and the blood catalogue, whose shared rows
-- have no owner.
--
-- Audit of health reads: aiapp.health_reads (below).

-- The families the acting user belongs to or is invited to (in any state: the views decide
-- what a role may do; RLS only bounds what can be seen at all). SECURITY DEFINER: it reads the
-- memberships as their owner, since the memberships' own policy calls it.
CREATE FUNCTION habits.visible_families() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(m.family_id), '{}')
    FROM habits.family_memberships AS m
    WHERE m.customer_id = nullif(current_setting('app.customer_id', TRUE), '')::bigint
$$;

-- The users the acting user may see: themselves and the members of their families (a family's
-- today and member list show names).
CREATE FUNCTION habits.visible_customers() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT array_append(
        coalesce(array_agg(DISTINCT m.customer_id), '{}'),
        nullif(current_setting('app.customer_id', TRUE), '')::bigint
    )
    FROM habits.family_memberships AS m
    WHERE m.family_id = any(habits.visible_families())
$$;

-- Whose account an email is (any letter case), for an invitation into a family: the one
-- statement that must find a user it may not see yet. Index: users_email_lower_key.
CREATE FUNCTION aiapp.customer_id_of_email(p_email text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT u.customer_id FROM aiapp.users AS u WHERE lower(u.email) = lower(p_email)
$$;

REVOKE ALL ON FUNCTION aiapp.customer_id_of_email(text) FROM public;
REVOKE ALL ON FUNCTION habits.visible_families() FROM public;
REVOKE ALL ON FUNCTION habits.visible_customers() FROM public;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        GRANT EXECUTE ON FUNCTION habits.visible_families() TO storage_app;
        GRANT EXECUTE ON FUNCTION habits.visible_customers() TO storage_app;
        GRANT EXECUTE ON FUNCTION aiapp.customer_id_of_email(text) TO storage_app;
        -- A clinician sees their own requests and every request about their patients (another
        -- clinician's refused attempt included).
        CREATE POLICY customer_rows ON clinical.access_log TO storage_app
        USING (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
            OR EXISTS (
                SELECT FROM clinical.patients AS p WHERE p.patient_id = access_log.patient_id
            )
        )
        WITH CHECK (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
        );
        CREATE POLICY customer_rows ON habits.family_memberships TO storage_app
        USING (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
            OR family_id = any((SELECT habits.visible_families())::uuid[])
        );
        CREATE POLICY customer_rows ON habits.habits TO storage_app
        USING (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
            OR family_id = any((SELECT habits.visible_families())::uuid[])
        );
        CREATE POLICY customer_rows ON habits.routines TO storage_app
        USING (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
            OR family_id = any((SELECT habits.visible_families())::uuid[])
        );
        -- A member's day of a habit they can see (a parent logs a child's family habit).
        CREATE POLICY customer_rows ON habits.habit_logs TO storage_app
        USING (
            customer_id = any((SELECT habits.visible_customers())::bigint[])
            AND EXISTS (SELECT FROM habits.habits AS h WHERE h.habit_id = habit_logs.habit_id)
        );
        CREATE POLICY customer_rows ON aiapp.users TO storage_app
        USING (customer_id = any((SELECT habits.visible_customers())::bigint[]))
        WITH CHECK (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
        );
        -- The shared catalogue (customer_id NULL) is everyone's; an own test is its owner's.
        CREATE POLICY customer_rows ON blood.test_definitions TO storage_app
        USING (
            customer_id IS NULL
            OR customer_id = (
                SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint
            )
        );
    END IF;
END
$$;

-- The bearer-token check: the one statement that must read any user's token before it is known
-- whom the request acts for (and, for an admin acting for a user, a token that is not the acted-
-- for user's). Runs as the owner (SECURITY DEFINER), so no bypass setting is needed for it and it
-- can travel in the same pipeline as the view's first statement under that statement's
-- app.customer_id. Returns no row for an unknown, revoked or expired token or a disabled user;
-- acting columns are NULL when p_customer_id names no user. Marks the token used, at most once a
-- minute. Index: auth_tokens_token_hash_idx (the token: its owner is not known before it is
-- found), auth_tokens_pkey (the touch), users_pkey.
CREATE FUNCTION aiapp.resolve_token(p_token_hash bytea, p_customer_id bigint)
RETURNS TABLE (
    token_id bigint,
    token_customer_id bigint,
    token_role text,
    customer_id bigint,
    email text,
    username text,
    display_name text,
    role text,
    language text,
    photo_url text,
    sex text,
    created_at timestamptz,
    updated_at timestamptz,
    notification_enabled boolean
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN QUERY
    WITH token AS (
        SELECT t.token_id, t.customer_id, t.last_used_at, u.role
        FROM aiapp.auth_tokens AS t
        INNER JOIN aiapp.users AS u ON t.customer_id = u.customer_id
        WHERE
            t.token_hash = p_token_hash
            AND t.revoked_at IS NULL
            AND t.expires_at > now()
            AND NOT u.disabled
    ),

    touched AS (
        UPDATE aiapp.auth_tokens AS t
        SET last_used_at = now()
        FROM token
        WHERE
            t.customer_id = token.customer_id
            AND t.token_id = token.token_id
            AND (token.last_used_at IS NULL OR token.last_used_at < now() - interval '1 minute')
    )

    SELECT
        token.token_id,
        token.customer_id,
        token.role,
        acting.customer_id,
        acting.email,
        acting.username,
        acting.display_name,
        acting.role,
        acting.language,
        acting.photo_url,
        acting.sex,
        acting.created_at,
        acting.updated_at,
        acting.notification_enabled
    FROM token
    LEFT JOIN aiapp.users AS acting
        ON acting.customer_id = coalesce(p_customer_id, token.customer_id);
END;
$$;

REVOKE ALL ON FUNCTION aiapp.resolve_token(bytea, bigint) FROM public;

-- Who read a user's health data through the API: one row per GET of a Garmin (training
-- included), blood or clinical route that answered, written in the request's own transaction
-- (queued with its first statement, so it costs no round trip) and committed with it.
-- customer_id is whose data was read (the acted-for user), reader_customer_id whose token read
-- it (the same user, or an admin acting for them, e.g. a sync worker). Ids only, no emails or
-- names. storage_app may only INSERT and SELECT (post-apply.grants.sql), a trigger refuses
-- UPDATE and TRUNCATE to everyone; the rows of an erased user go with them (ON DELETE
-- CASCADE, run as the owner), and where they were only the reader their id is left pointing at
-- nobody, as in aiapp.admin_audit.
CREATE TABLE aiapp.health_reads (
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    read_id bigint GENERATED ALWAYS AS IDENTITY,
    reader_customer_id bigint NOT NULL,
    dataset text NOT NULL CHECK (dataset IN ('garmin', 'blood', 'clinical')),
    route text NOT NULL CHECK (char_length(route) BETWEEN 1 AND 300),
    request_id text CHECK (request_id ~ '^[A-Za-z0-9._:-]{1,128}$'),
    read_at timestamptz NOT NULL DEFAULT now(),
    -- Serves a user's reads newest first, keyset-paginated by read_id.
    PRIMARY KEY (customer_id, read_id)
);

CREATE FUNCTION aiapp.refuse_health_reads_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'aiapp.health_reads is append-only: % is not allowed.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER health_reads_append_only
BEFORE UPDATE OR TRUNCATE ON aiapp.health_reads
FOR EACH STATEMENT EXECUTE FUNCTION aiapp.refuse_health_reads_change();

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        GRANT EXECUTE ON FUNCTION aiapp.resolve_token(bytea, bigint) TO storage_app;
    END IF;
END
$$;
