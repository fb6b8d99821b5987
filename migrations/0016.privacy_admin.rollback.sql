-- Undoes 0016.privacy_admin. Fails while clinical.access_log holds pseudonymised rows: they
-- cannot be given their erased users back.
DROP TABLE aiapp.admin_audit;
DROP FUNCTION aiapp.refuse_admin_audit_change();
DROP INDEX aiapp.users_username_prefix_idx;
DROP INDEX aiapp.users_email_prefix_idx;
ALTER TABLE aiapp.users
DROP CONSTRAINT users_password_reset_complete,
DROP COLUMN password_reset_expires_at,
DROP COLUMN password_reset_hash;

DROP FUNCTION clinical.erase_subject(bigint);

CREATE OR REPLACE FUNCTION clinical.refuse_interaction_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'clinical.interaction_log is append-only: % is not allowed.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE FUNCTION clinical.refuse_access_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'clinical.access_log is append-only: % is not allowed.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

ALTER TABLE clinical.interaction_log
DROP CONSTRAINT interaction_log_actor_named,
DROP COLUMN token_customer_pseudonym,
ALTER COLUMN token_customer_id SET NOT NULL;

ALTER TABLE clinical.access_log
DROP CONSTRAINT access_log_actor_named,
DROP CONSTRAINT access_log_subject_named,
DROP COLUMN token_customer_pseudonym,
DROP COLUMN customer_pseudonym,
ALTER COLUMN token_customer_id SET NOT NULL,
ALTER COLUMN customer_id SET NOT NULL;
