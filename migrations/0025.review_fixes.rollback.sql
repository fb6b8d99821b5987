-- Undoes 0025.review_fixes: 0019's one family-memberships policy and its habit-logs policy,
-- visible_families() of any membership state, the owner-keeping trigger as the invoker,
-- 0017's ensure_hr_partitions.
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
        DROP POLICY customer_rows ON habits.habit_logs;
        CREATE POLICY customer_rows ON habits.habit_logs TO storage_app
        USING (
            customer_id = any((SELECT habits.visible_customers())::bigint[])
            AND EXISTS (SELECT FROM habits.habits AS h WHERE h.habit_id = habit_logs.habit_id)
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

DROP FUNCTION aiapp.ensure_hr_partitions_ahead(text, integer);

-- The months a partitioned heart_rate_samples needs for [from_time, to_time]; returns how many
-- it created.
CREATE OR REPLACE FUNCTION aiapp.ensure_hr_partitions(
    target text, from_time timestamptz, to_time timestamptz
) RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    month_start timestamp;
    last_month timestamp;
    part text;
    created integer := 0;
BEGIN
    IF target NOT IN ('aiapp', 'aiapp_nonprod') THEN
        RAISE EXCEPTION 'ensure_hr_partitions: % is not a Garmin schema', target
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF from_time IS NULL OR to_time IS NULL OR to_time < from_time THEN
        RETURN 0;
    END IF;
    month_start := date_trunc('month', from_time AT TIME ZONE 'UTC');
    last_month := date_trunc('month', to_time AT TIME ZONE 'UTC');
    IF month_start + INTERVAL '24 months' <= last_month THEN
        RAISE EXCEPTION 'heart-rate samples spanning % to % cover more than 24 months',
            from_time, to_time
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    WHILE month_start <= last_month LOOP
        part := 'heart_rate_samples_' || to_char(month_start, 'YYYY_MM');
        IF to_regclass(format('%I.%I', target, part)) IS NULL THEN
            EXECUTE format(
                'LOCK TABLE %I.heart_rate_samples IN SHARE UPDATE EXCLUSIVE MODE', target
            );
            -- Another writer may have made it while this one waited for the lock.
            IF to_regclass(format('%I.%I', target, part)) IS NULL THEN
                EXECUTE format(
                    'CREATE TABLE %1$I.%2$I (LIKE %1$I.heart_rate_samples'
                    ' INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                    target, part
                );
                EXECUTE format(
                    'ALTER TABLE %1$I.heart_rate_samples ATTACH PARTITION %1$I.%2$I'
                    ' FOR VALUES FROM (%3$L) TO (%4$L)',
                    target, part,
                    to_char(month_start, 'YYYY-MM-DD') || ' 00:00:00+00',
                    to_char(month_start + INTERVAL '1 month', 'YYYY-MM-DD') || ' 00:00:00+00'
                );
                created := created + 1;
            END IF;
        END IF;
        month_start := month_start + INTERVAL '1 month';
    END LOOP;
    RETURN created;
END
$$;

DROP FUNCTION aiapp.make_hr_partitions(text, timestamp, timestamp);
