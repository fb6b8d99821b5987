-- depends: 0025.review_fixes
-- Family invitations keyed by email (issue s3): an owner's invitation answered 201 or 409 for
-- an email with an account and 404 for one without, so inviting probed which emails have
-- accounts. An invitation is now stored for the email itself, whoever it belongs to:
--
-- - habits.family_invitations: one row per family and email (case-insensitive: email_key is
--   lower(email)), with the email as the inviter typed it, the role, who invited and when,
--   and when it expires (the app passes 30 days, app/habits/access.py). Inviting never reads
--   whether the email has an account, so both answers are the same statement and the same
--   201. A pending invitation names no user: the family detail shows it as its email.
-- - The invitee is whoever has the email when they look: a user registered after the
--   invitation sees it, and one whose email changes sees the invitations of the new address
--   and no longer those of the old one (an invitation is addressed to a mailbox, not to an
--   account). Accepting turns it into a membership (accepted_at set) and deletes it;
--   declining or the owner's withdrawal deletes it.
-- - habits.family_memberships holds accepted memberships only (the pending ones move here;
--   a declined or withdrawn one, soft-deleted before, has nothing left to keep).
-- - Row-level security: the table has no customer_id, so post-apply.grants.sql does not
--   cover it; its policies are written here. The family's live owners and admins
--   (habits.managed_families()) see and write its rows; the invitee (lower(email) equal to
--   the acting user's, habits.acting_email_key()) sees and deletes theirs; nobody else sees
--   a row.
-- - aiapp.customer_id_of_email() (0019), which found any account by its email for the old
--   invitation, is dropped: nothing needs to know whose an email is any more.

CREATE TABLE habits.family_invitations (
    family_id uuid NOT NULL REFERENCES habits.families (family_id) ON DELETE CASCADE,
    email_key text GENERATED ALWAYS AS (lower(email)) STORED,
    invitation_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    email text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 320),
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'child')),
    -- An erased inviter's pending invitations go with them (their act, and the erasure
    -- counts them as removed).
    invited_by bigint REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    invited_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    CHECK (expires_at > invited_at),
    -- Serves the family's invitations (detail, upsert, withdrawal, acceptance).
    PRIMARY KEY (family_id, email_key)
);
-- Serves "my invitations": the invitee is found by their email only.
CREATE INDEX family_invitations_email_key_idx ON habits.family_invitations (email_key);
-- Serves the erasure's cascade from the inviter.
CREATE INDEX family_invitations_invited_by_idx ON habits.family_invitations (invited_by);
-- Serves the purge of long-expired invitations.
CREATE INDEX family_invitations_expires_at_idx ON habits.family_invitations (expires_at);

-- An invitation as inviting (or renewing) and withdrawing answer with it: its keys written
-- once. json, not jsonb: the keys keep their order.
CREATE FUNCTION habits.invitation_json(i habits.family_invitations)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'invitation_id', i.invitation_id,
    'family_id', i.family_id,
    'email', i.email,
    'role', i.role,
    'invited_by', i.invited_by,
    'invited_at', i.invited_at,
    'expires_at', i.expires_at
);

-- The acting user's email as invitations key it (lower case), or NULL when nobody acts.
-- SECURITY DEFINER: the invitations' policy calls it, and it must not depend on what the
-- users' own policy shows. Index: users primary key.
CREATE FUNCTION habits.acting_email_key() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT lower(u.email) FROM aiapp.users AS u
    WHERE u.customer_id = nullif(current_setting('app.customer_id', TRUE), '')::bigint
$$;

REVOKE ALL ON FUNCTION habits.acting_email_key() FROM public;

DROP FUNCTION aiapp.customer_id_of_email(text);

-- The pending memberships become invitations to their account's email. They had no expiry,
-- so theirs starts now.
INSERT INTO habits.family_invitations (
    family_id, invitation_id, email, role, invited_by, invited_at, expires_at
)
SELECT
    m.family_id,
    m.membership_id,
    u.email,
    m.role,
    m.invited_by,
    m.created_at,
    now() + interval '30 days' AS expires_at
FROM habits.family_memberships AS m
INNER JOIN aiapp.users AS u ON m.customer_id = u.customer_id
WHERE m.accepted_at IS NULL AND m.deleted_at IS NULL;

DELETE FROM habits.family_memberships
WHERE accepted_at IS NULL;

ALTER TABLE habits.family_memberships
ADD CONSTRAINT family_memberships_accepted CHECK (accepted_at IS NOT NULL);

-- Where 0010 could not create the roles, row-level security is not enabled (as in 0019).
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app')
        AND EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_owner') THEN
        ALTER TABLE habits.family_invitations
        ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
        CREATE POLICY owner_rows ON habits.family_invitations TO storage_owner USING (TRUE);
        GRANT EXECUTE ON FUNCTION habits.acting_email_key() TO storage_app;
        CREATE POLICY family_managers ON habits.family_invitations TO storage_app
        USING (family_id = any((SELECT habits.managed_families())::uuid[]))
        WITH CHECK (family_id = any((SELECT habits.managed_families())::uuid[]));
        CREATE POLICY invitee_reads ON habits.family_invitations FOR SELECT TO storage_app
        USING (email_key = (SELECT habits.acting_email_key()));
        CREATE POLICY invitee_answers ON habits.family_invitations FOR DELETE TO storage_app
        USING (email_key = (SELECT habits.acting_email_key()));
        CREATE POLICY maintenance_bypass ON habits.family_invitations TO storage_app
        USING ((SELECT current_setting('app.rls_bypass', TRUE)) = 'on');
    END IF;
END
$$;
