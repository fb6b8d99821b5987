-- depends: 0010.roles
-- A person's data under their control, and user administration (issue 15, points 1, 2, 5, 6).
--   * Erasure: clinical.access_log must outlive the people it names, so it no longer blocks
--     deleting a user: its rows about an erased user are kept with the user's id replaced by a
--     random pseudonym (one per erasure, so the rows still read as "the same person"). The
--     interaction log's rows of an erased user are their clinical record and are deleted;
--     where the erased user was only the actor, the actor is pseudonymised the same way. Only
--     clinical.erase_subject() (SECURITY DEFINER, run as the tables' owner) may do either: the
--     append-only triggers let a change through only for the owner inside that function, and
--     storage_app still has no UPDATE or DELETE on either log.
--   * Forced password reset: a one-time code (stored as its SHA-256) and its expiry.
--   * aiapp.admin_audit: every administrative action, append-only like the access log.
--   * Prefix search on email and username for the admin user list.

ALTER TABLE clinical.access_log
ALTER COLUMN customer_id DROP NOT NULL,
ALTER COLUMN token_customer_id DROP NOT NULL,
ADD COLUMN customer_pseudonym uuid,
ADD COLUMN token_customer_pseudonym uuid,
ADD CONSTRAINT access_log_subject_named CHECK (
    (customer_id IS NULL) = (customer_pseudonym IS NOT NULL)
),
ADD CONSTRAINT access_log_actor_named CHECK (
    (token_customer_id IS NULL) = (token_customer_pseudonym IS NOT NULL)
);

ALTER TABLE clinical.interaction_log
ALTER COLUMN token_customer_id DROP NOT NULL,
ADD COLUMN token_customer_pseudonym uuid,
ADD CONSTRAINT interaction_log_actor_named CHECK (
    (token_customer_id IS NULL) = (token_customer_pseudonym IS NOT NULL)
);

-- The append-only triggers: unchanged for everyone but the owner inside erase_subject(),
-- which alone sets clinical.erasing (transaction-local) and resets it before it returns.
CREATE OR REPLACE FUNCTION clinical.refuse_access_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('clinical.erasing', TRUE) = 'on'
        AND pg_has_role(
            current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER'
        ) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'clinical.access_log is append-only: % is not allowed.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE FUNCTION clinical.refuse_interaction_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND current_setting('clinical.erasing', TRUE) = 'on'
        AND pg_has_role(
            current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER'
        ) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'clinical.interaction_log is append-only: % is not allowed.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Removes every reference the two logs hold to one user, so the user row can be deleted.
-- Returns (table_name, removed, pseudonymised) for the two logs.
CREATE FUNCTION clinical.erase_subject(p_customer_id bigint)
RETURNS TABLE (table_name text, removed bigint, pseudonymised bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pseudonym uuid := gen_random_uuid();
    subject_rows bigint;
    actor_rows bigint;
BEGIN
    PERFORM set_config('clinical.erasing', 'on', TRUE);
    -- One statement, so a row naming the user as both subject and actor counts once.
    UPDATE clinical.access_log
    SET
        customer_id = nullif(customer_id, p_customer_id),
        customer_pseudonym = CASE
            WHEN customer_id = p_customer_id THEN pseudonym ELSE customer_pseudonym
        END,
        token_customer_id = nullif(token_customer_id, p_customer_id),
        token_customer_pseudonym = CASE
            WHEN token_customer_id = p_customer_id THEN pseudonym ELSE token_customer_pseudonym
        END
    WHERE customer_id = p_customer_id OR token_customer_id = p_customer_id;
    GET DIAGNOSTICS subject_rows = ROW_COUNT;
    table_name := 'clinical.access_log';
    removed := 0;
    pseudonymised := subject_rows;
    RETURN NEXT;
    DELETE FROM clinical.interaction_log WHERE customer_id = p_customer_id;
    GET DIAGNOSTICS subject_rows = ROW_COUNT;
    UPDATE clinical.interaction_log
    SET token_customer_id = NULL, token_customer_pseudonym = pseudonym
    WHERE token_customer_id = p_customer_id;
    GET DIAGNOSTICS actor_rows = ROW_COUNT;
    table_name := 'clinical.interaction_log';
    removed := subject_rows;
    pseudonymised := actor_rows;
    RETURN NEXT;
    PERFORM set_config('clinical.erasing', 'off', TRUE);
END;
$$;

REVOKE ALL ON FUNCTION clinical.erase_subject(bigint) FROM public;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        GRANT EXECUTE ON FUNCTION clinical.erase_subject(bigint) TO storage_app;
    END IF;
END
$$;

ALTER TABLE aiapp.users
ADD COLUMN password_reset_hash bytea CHECK (octet_length(password_reset_hash) = 32),
ADD COLUMN password_reset_expires_at timestamptz,
ADD CONSTRAINT users_password_reset_complete CHECK (
    (password_reset_hash IS NULL) = (password_reset_expires_at IS NULL)
);

-- Prefix search (admin user list): lower(email) LIKE 'ann%' needs pattern operators.
CREATE INDEX users_email_prefix_idx ON aiapp.users (lower(email) text_pattern_ops);
CREATE INDEX users_username_prefix_idx ON aiapp.users (lower(username) text_pattern_ops);

-- Ids, not names or emails: the audit outlives the users it names (no foreign keys), and an
-- erased user's id points at nobody. actor_customer_id is NULL for the command line.
CREATE TABLE aiapp.admin_audit (
    audit_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_customer_id bigint,
    via text NOT NULL CHECK (via IN ('api', 'cli')),
    target_customer_id bigint NOT NULL,
    action text NOT NULL CHECK (
        action IN (
            'disable', 'enable', 'password_reset', 'grant_admin', 'revoke_admin', 'export', 'erase'
        )
    ),
    detail jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object'),
    request_id text CHECK (request_id ~ '^[A-Za-z0-9._:-]{1,128}$'),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((via = 'api') = (actor_customer_id IS NOT NULL))
);
-- Serves the audit of one user (GET /admin/audit?customer_id=), newest first.
CREATE INDEX admin_audit_target_idx ON aiapp.admin_audit (target_customer_id, audit_id);

CREATE FUNCTION aiapp.refuse_admin_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'aiapp.admin_audit is append-only: % is not allowed.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER admin_audit_append_only
BEFORE UPDATE OR DELETE OR TRUNCATE ON aiapp.admin_audit
FOR EACH STATEMENT EXECUTE FUNCTION aiapp.refuse_admin_audit_change();
