-- Back to 0025's policies on habits.family_memberships and 0019's visible_customers().

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        DROP POLICY customer_rows ON habits.family_memberships;
        DROP POLICY member_joins ON habits.family_memberships;
        DROP POLICY member_changes_own ON habits.family_memberships;
        DROP POLICY family_managers_update ON habits.family_memberships;
        CREATE POLICY customer_rows ON habits.family_memberships TO storage_app
        USING (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
        );
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

CREATE OR REPLACE FUNCTION habits.visible_customers() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT array_append(
        coalesce(array_agg(DISTINCT m.customer_id), '{}'),
        nullif(current_setting('app.customer_id', TRUE), '')::bigint
    )
    FROM habits.family_memberships AS m
    WHERE m.family_id = any(habits.visible_families())
$$;

DROP FUNCTION habits.may_join(uuid, text);
