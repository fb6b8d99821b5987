-- depends: 0023.entity_json
-- What a review found (issue s3): families visible to former members and invitees under
-- row-level security.
--
-- 1. Family rows under row-level security. 0019's habits.visible_families() counted a
--    membership in any state, so a removed member or a pending invitee was inside the bound
--    row-level security draws (only the views' habits.family_role() refused them). Now:
--    - habits.visible_families() is the families of the acting user's live, accepted
--      memberships: a family's habits, routines and members are seen by its members only.
--    - habits.family_memberships gets one policy per command instead of one for all: every
--      user sees and writes their own rows (customer_rows: an invitation to accept or
--      decline, a membership to leave); a member sees the family's rows (family_rows, SELECT);
--      only the family's owners and admins add or change another user's row (family_managers_
--      insert and _update: invitations, roles, removals; habits.managed_families()); nobody
--      deletes another user's row (only the erasure and the purge delete memberships, both on
--      the bypass).
--    - habits.check_family_has_owner() (the trigger that keeps an owner) runs as the owner:
--      it must count every owner of the family, also when the acting user's own membership
--      just stopped being live and with it their view of the family (the last owner leaving).
--      It reads two tables and raises; it never returns rows to the caller.

CREATE OR REPLACE FUNCTION habits.visible_families() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(m.family_id), '{}')
    FROM habits.family_memberships AS m
    WHERE
        m.customer_id = nullif(current_setting('app.customer_id', TRUE), '')::bigint
        AND m.accepted_at IS NOT NULL
        AND m.deleted_at IS NULL
$$;

-- The families whose other memberships the acting user may add or change: those they are a
-- live owner or admin of (the statements narrow it further: only an owner changes roles).
-- Index: family_memberships_customer_live_idx.
CREATE FUNCTION habits.managed_families() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(m.family_id), '{}')
    FROM habits.family_memberships AS m
    WHERE
        m.customer_id = nullif(current_setting('app.customer_id', TRUE), '')::bigint
        AND m.role IN ('owner', 'admin')
        AND m.accepted_at IS NOT NULL
        AND m.deleted_at IS NULL
$$;

REVOKE ALL ON FUNCTION habits.managed_families() FROM public;

ALTER FUNCTION habits.check_family_has_owner()
SECURITY DEFINER SET search_path = pg_catalog, pg_temp;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        GRANT EXECUTE ON FUNCTION habits.managed_families() TO storage_app;
        DROP POLICY customer_rows ON habits.family_memberships;
        CREATE POLICY customer_rows ON habits.family_memberships TO storage_app
        USING (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
        );
        CREATE POLICY family_rows ON habits.family_memberships FOR SELECT TO storage_app
        USING (family_id = any((SELECT habits.visible_families())::uuid[]));
        CREATE POLICY family_managers_insert ON habits.family_memberships FOR INSERT
        TO storage_app
        WITH CHECK (family_id = any((SELECT habits.managed_families())::uuid[]));
        CREATE POLICY family_managers_update ON habits.family_memberships FOR UPDATE
        TO storage_app
        USING (family_id = any((SELECT habits.managed_families())::uuid[]))
        WITH CHECK (family_id = any((SELECT habits.managed_families())::uuid[]));
    END IF;
END
$$;
