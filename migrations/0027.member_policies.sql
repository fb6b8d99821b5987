-- depends: 0026.email_invitations
-- A user's own membership rows under row-level security, and whom a family shows.
--
-- 0025's customer_rows covered every command with no WITH CHECK, so storage_app acting for a
-- user could insert that user as owner of any family whose id it knew, promote the user's own
-- row, or bring back a membership an owner had removed. The statements never do, but
-- row-level security is there for the statement that forgets its filter. Now, on
-- habits.family_memberships:
-- - customer_rows is SELECT only (a user sees their own rows);
-- - member_joins (INSERT): a user adds only their own row, and only as an unexpired invitation
--   to their email offers it (accepting), or into a family nobody belongs to yet (creating it:
--   the family and its owner are written by one statement);
-- - member_changes_own (UPDATE): a user's own row may stop being live (leaving); it may stay or
--   become live only as an invitation offers it (accepting again after a removal), or when the
--   user is the family's live owner (an owner changing their own role);
-- - family_managers_update no longer covers the manager's own row (an admin promoting
--   themselves), and family_managers_insert goes: since 0026 nobody adds another user's row.
-- habits.visible_customers() counts live memberships only: once an owner removes a member,
-- the family stops seeing that member's account and days, as the member stops seeing theirs.

-- Whether the acting user may hold a live membership of the family in the role: an
-- unexpired invitation to their email offers that role, or nobody belongs to the family yet.
-- STABLE: called from a policy, it reads the statement's snapshot, so an accepting statement
-- that deletes the invitation it accepts still finds it. SECURITY DEFINER: invitations and
-- other users' memberships are hidden by their own policies.
-- Index: family_invitations primary key (family_id, email_key); family_memberships'
-- family_customer key.
CREATE FUNCTION habits.may_join(p_family_id uuid, p_role text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT
        EXISTS (
            SELECT FROM habits.family_invitations AS i
            WHERE
                i.family_id = p_family_id
                AND i.email_key = habits.acting_email_key()
                AND i.role = p_role
                AND i.expires_at > now()
        )
        OR NOT EXISTS (
            SELECT FROM habits.family_memberships AS m WHERE m.family_id = p_family_id
        )
$$;

REVOKE ALL ON FUNCTION habits.may_join(uuid, text) FROM public;

CREATE OR REPLACE FUNCTION habits.visible_customers() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT array_append(
        coalesce(array_agg(DISTINCT m.customer_id), '{}'),
        nullif(current_setting('app.customer_id', TRUE), '')::bigint
    )
    FROM habits.family_memberships AS m
    WHERE m.family_id = any(habits.visible_families()) AND m.deleted_at IS NULL
$$;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        GRANT EXECUTE ON FUNCTION habits.may_join(uuid, text) TO storage_app;
        DROP POLICY customer_rows ON habits.family_memberships;
        CREATE POLICY customer_rows ON habits.family_memberships FOR SELECT TO storage_app
        USING (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
        );
        CREATE POLICY member_joins ON habits.family_memberships FOR INSERT TO storage_app
        WITH CHECK (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
            AND habits.may_join(family_id, role)
        );
        CREATE POLICY member_changes_own ON habits.family_memberships FOR UPDATE
        TO storage_app
        USING (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
        )
        WITH CHECK (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
            AND (
                deleted_at IS NOT NULL
                OR habits.family_role(family_id, customer_id) = 'owner'
                OR habits.may_join(family_id, role)
            )
        );
        DROP POLICY family_managers_insert ON habits.family_memberships;
        DROP POLICY family_managers_update ON habits.family_memberships;
        CREATE POLICY family_managers_update ON habits.family_memberships FOR UPDATE
        TO storage_app
        USING (
            customer_id <> (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
            AND family_id = any((SELECT habits.managed_families())::uuid[])
        )
        WITH CHECK (
            customer_id <> (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
            AND family_id = any((SELECT habits.managed_families())::uuid[])
        );
    END IF;
END
$$;
