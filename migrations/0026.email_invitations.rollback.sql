-- Undoes 0026.email_invitations: the invitations to an email with an account go back to
-- pending memberships (accepted_at NULL) of that account; those to an email without one
-- cannot be a membership and are dropped with the table. 0019's aiapp.customer_id_of_email()
-- comes back.
ALTER TABLE habits.family_memberships DROP CONSTRAINT family_memberships_accepted;

INSERT INTO habits.family_memberships AS m (
    membership_id, family_id, customer_id, role, invited_by, accepted_at
)
SELECT
    i.invitation_id,
    i.family_id,
    u.customer_id,
    i.role,
    i.invited_by,
    NULL::timestamptz
FROM habits.family_invitations AS i
INNER JOIN aiapp.users AS u ON lower(u.email) = i.email_key
-- A member's own (left or removed) row is revived as the invitation, as 0007 invited; a live
-- membership stays as it is.
ON CONFLICT (family_id, customer_id) DO UPDATE
    SET
        role = excluded.role,
        invited_by = excluded.invited_by,
        accepted_at = NULL,
        deleted_at = NULL
    WHERE m.deleted_at IS NOT NULL;

DROP FUNCTION habits.invitation_json(habits.family_invitations);
DROP TABLE habits.family_invitations;
DROP FUNCTION habits.acting_email_key();

-- 0019's look-up of an account by email, for the old invitation.
CREATE FUNCTION aiapp.customer_id_of_email(p_email text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT u.customer_id FROM aiapp.users AS u WHERE lower(u.email) = lower(p_email)
$$;

REVOKE ALL ON FUNCTION aiapp.customer_id_of_email(text) FROM public;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        GRANT EXECUTE ON FUNCTION aiapp.customer_id_of_email(text) TO storage_app;
    END IF;
END
$$;
