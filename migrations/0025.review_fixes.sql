-- depends: 0024.answer_json
-- What a review found (issue s3): families visible to former members and invitees under
-- row-level security, and heart-rate months made for absurd sample times.
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
--    - habits.habit_logs: a user also sees every log of their own (a removed member's days of
--      the family's habits stay theirs, for the export); other members' logs and every write
--      stay bound to the habits the user can see.
--    - habits.check_family_has_owner() (the trigger that keeps an owner) runs as the owner:
--      it must count every owner of the family, also when the acting user's own membership
--      just stopped being live and with it their view of the family (the last owner leaving).
--      It reads two tables and raises; it never returns rows to the caller.
-- 2. Heart-rate sample times in a plausible window. aiapp.ensure_hr_partitions() refuses
--    times before 1989-01-01 (the first Garmin heart-rate watches came later) or more than a
--    day after now() (a device clock a time zone or so ahead), so no writer (the upload, the
--    .FIT import, the seeder) can make a month that retention would never reach. Months ahead
--    of time are made by aiapp.ensure_hr_partitions_ahead() (`flask garmin partitions`), at
--    most 23 months on. Both make their months through aiapp.make_hr_partitions(), which
--    storage_app may not call itself.

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
        -- A member's day of a habit they can see (a parent logs a child's family habit), and
        -- every day of one's own: a removed member's days of the family's habits are still
        -- their data (the export reads them), though the habit is hidden from them. Writes
        -- stay bound to habits they can see.
        DROP POLICY customer_rows ON habits.habit_logs;
        CREATE POLICY customer_rows ON habits.habit_logs TO storage_app
        USING (
            customer_id = (SELECT nullif(current_setting('app.customer_id', TRUE), '')::bigint)
            OR (
                customer_id = any((SELECT habits.visible_customers())::bigint[])
                AND EXISTS (
                    SELECT FROM habits.habits AS h WHERE h.habit_id = habit_logs.habit_id
                )
            )
        )
        WITH CHECK (
            customer_id = any((SELECT habits.visible_customers())::bigint[])
            AND EXISTS (SELECT FROM habits.habits AS h WHERE h.habit_id = habit_logs.habit_id)
        );
    END IF;
END
$$;

-- Creates the monthly partitions of [first_month, last_month] (month starts, UTC) that are
-- missing; returns how many it made. The body of 0017's ensure_hr_partitions: ATTACH under
-- SHARE UPDATE EXCLUSIVE, so other months' reads and writes go on and two writers making the
-- same month wait for each other. Only the two functions below call it (not storage_app).
CREATE FUNCTION aiapp.make_hr_partitions(
    target text, first_month timestamp, last_month timestamp
) RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    month_start timestamp := first_month;
    part text;
    created integer := 0;
BEGIN
    IF target NOT IN ('aiapp', 'aiapp_nonprod') THEN
        RAISE EXCEPTION 'make_hr_partitions: % is not a Garmin schema', target
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

-- The months samples of [from_time, to_time] need (every writer calls it before it writes).
-- Refuses, as invalid_parameter_value (a data error), a time outside the plausible window
-- and a span of more than 24 months. The window reaches an hour further ahead than the API's
-- (app.training.samples.HR_TIMES_AHEAD, a day after the app host's clock): the database
-- compares with its transaction's start and its own clock, so a time the API just accepted
-- is not refused here for a clock a few minutes apart.
CREATE OR REPLACE FUNCTION aiapp.ensure_hr_partitions(
    target text, from_time timestamptz, to_time timestamptz
) RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF target NOT IN ('aiapp', 'aiapp_nonprod') THEN
        RAISE EXCEPTION 'ensure_hr_partitions: % is not a Garmin schema', target
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF from_time IS NULL OR to_time IS NULL OR to_time < from_time THEN
        RETURN 0;
    END IF;
    IF from_time < TIMESTAMPTZ '1989-01-01 00:00:00+00'
        OR to_time > now() + INTERVAL '1 day 1 hour' THEN
        RAISE EXCEPTION 'heart-rate samples from % to % fall outside 1989-01-01 to a day and '
            'an hour from now', from_time, to_time
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF date_trunc('month', from_time AT TIME ZONE 'UTC') + INTERVAL '24 months'
        <= date_trunc('month', to_time AT TIME ZONE 'UTC') THEN
        RAISE EXCEPTION 'heart-rate samples spanning % to % cover more than 24 months',
            from_time, to_time
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN aiapp.make_hr_partitions(
        target,
        date_trunc('month', from_time AT TIME ZONE 'UTC'),
        date_trunc('month', to_time AT TIME ZONE 'UTC')
    );
END
$$;

-- This month (UTC) and the `months` after it, 0 to 23, made ahead of the samples that will
-- fill them (`flask garmin partitions --ahead`): each of them is dropped by retention in time.
CREATE FUNCTION aiapp.ensure_hr_partitions_ahead(target text, months integer) RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    this_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
BEGIN
    IF months IS NULL OR months NOT BETWEEN 0 AND 23 THEN
        RAISE EXCEPTION 'ensure_hr_partitions_ahead: % months ahead is not 0 to 23', months
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN aiapp.make_hr_partitions(
        target, this_month, this_month + make_interval(months => months)
    );
END
$$;

REVOKE ALL ON FUNCTION aiapp.make_hr_partitions(text, timestamp, timestamp) FROM public;
REVOKE ALL ON FUNCTION aiapp.ensure_hr_partitions_ahead(text, integer) FROM public;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        GRANT EXECUTE ON FUNCTION aiapp.ensure_hr_partitions_ahead(text, integer)
        TO storage_app;
    END IF;
END
$$;
