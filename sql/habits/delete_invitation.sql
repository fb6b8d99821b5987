-- name: delete_invitation :scalar
-- Withdraws a live family's invitation to an email (any letter case), expired or not; only
-- an owner may. Params: family_id, customer_id (the owner acting), email.
-- Returns the invitation, or no row when there is none or the caller is no owner.
-- Index: family_invitations_pkey; family_memberships_family_customer_key.
DELETE FROM family_invitations AS i
WHERE
    i.family_id = %(family_id)s
    AND i.email_key = lower(%(email)s)
    AND family_role(i.family_id, %(customer_id)s) = 'owner'
RETURNING invitation_json(i)::text;
