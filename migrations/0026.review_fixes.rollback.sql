-- Undoes 0026.review_fixes: 0019's one family-memberships policy and visible_families() of
-- any membership state, the owner-keeping trigger as the invoker.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        DROP POLICY family_managers_update ON habits.family_memberships;
        DROP POLICY family_managers_insert ON habits.family_memberships;
        DROP POLICY family_rows ON habits.family_memberships;
        DROP POLICY customer_rows ON habits.family_memberships;
        CREATE POLICY customer_rows ON habits.family_memberships TO storage_app
        USING (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
            OR family_id = any((SELECT habits.visible_families())::uuid[])
        );
    END IF;
END
$$;

DROP FUNCTION habits.managed_families();

CREATE OR REPLACE FUNCTION habits.visible_families() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(m.family_id), '{}')
    FROM habits.family_memberships AS m
    WHERE m.customer_id = nullif(current_setting('app.customer_id', TRUE), '')::bigint
$$;

ALTER FUNCTION habits.check_family_has_owner() SECURITY INVOKER RESET search_path;
