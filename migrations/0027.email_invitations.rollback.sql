-- Undoes 0027.email_invitations: the invitations to an email with an account go back to
-- pending memberships (accepted_at NULL) of that account; those to an email without one
-- cannot be a membership and are dropped with the table.
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

DROP TABLE habits.family_invitations;
DROP FUNCTION habits.acting_email_key();
