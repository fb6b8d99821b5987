-- name: select_invitation_role :scalar
-- The role of a family's invitation to an email (any letter case), as its owners and admins
-- see it (row-level security shows nobody else the row): tells a refused re-invitation of an
-- owner's invitation (403) from the email of a member (409). Params: family_id, email.
-- Returns text or NULL. Index: family_invitations_pkey.
SELECT i.role
FROM family_invitations AS i
WHERE i.family_id = %(family_id)s AND i.email_key = lower(%(email)s);
