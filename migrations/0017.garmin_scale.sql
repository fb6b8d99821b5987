-- depends: 0012.fit_import 0013.seed_names 0014.original_clients 0016.privacy_admin
-- Garmin and training tables at scale (issue 17), in aiapp_nonprod and aiapp inside one loop as
-- 0004.garmin does (%1$I is the schema).
--
-- 1. Citus-ready keys. Every per-user table has customer_id first in its primary key and in
--    every unique constraint, and every foreign key between them is composite
--    (customer_id, ...), so each table could be distributed by customer_id and joined
--    co-located. activities is keyed by (customer_id, activity_id): an activity id another user
--    stored is simply another user's row (issue 13 point 4), and so is a Garmin account id in
--    user_profile (its global UNIQUE goes: no shard could enforce it, and its 409 told one user
--    that someone else had linked that account). The identity keys (plans, workouts, HRV
--    readings, cache entries, syncs) stay generated but are keyed with their owner.
--
-- 2. heart_rate_samples is PARTITION BY RANGE (sample_time), one partition per calendar month
--    (UTC) named heart_rate_samples_YYYY_MM, keyed by (customer_id, activity_id, sample_time,
--    seq). seq numbers the samples of one activity that share a timestamp in the order they
--    came (0 for the first): an Edge 500 writes some seconds twice, and each record is kept.
--    Columns are ordered for alignment (8+8+8+4+2+2 bytes, no padding).
--    Why no DEFAULT partition: retention drops whole months, and a DEFAULT partition would
--    hold rows of many months that then cannot be dropped without a split (which rewrites and
--    locks it). Instead every writer first calls aiapp.ensure_hr_partitions(schema, from, to)
--    for the time span it is about to write (the HR upload, the .FIT import, the seeder), and
--    `flask garmin partitions` creates months ahead from cron, so ingest normally finds them.
--    ensure_hr_partitions creates a missing month as a plain table and ATTACHes it: ATTACH
--    takes SHARE UPDATE EXCLUSIVE on the parent (CREATE TABLE ... PARTITION OF would take
--    ACCESS EXCLUSIVE and block every reader until the ingest commits); that lock also
--    serialises two writers creating the same month, and the second finds it made. It is
--    SECURITY DEFINER because storage_app may not run DDL, and it only ever adds months of
--    these two tables; a span of more than 24 months is refused (invalid_parameter_value, a
--    data error: a FIT file with a broken clock is refused, not a thousand tables made).
--    aiapp.drop_hr_partition(schema, month) locks, detaches and drops one month for
--    `flask garmin retention`; aiapp.lock_hr_partition(schema, month) lets the retention take
--    SHARE on one month before it archives it (no write can land between its COPY and the
--    drop; reads go on).
--    Existing rows move with their activity's customer_id and seq 0 (the old key allowed one
--    sample a second).

-- The months a partitioned heart_rate_samples needs for [from_time, to_time]; returns how many
-- it created.
CREATE FUNCTION aiapp.ensure_hr_partitions(
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

-- The partition of one month, or NULL when that month has none (a helper of the two below).
CREATE FUNCTION aiapp.hr_partition(target text, month date) RETURNS regclass
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT i.inhrelid::regclass
    FROM pg_inherits AS i
    WHERE
        target IN ('aiapp', 'aiapp_nonprod')
        AND i.inhparent = to_regclass(format('%I.heart_rate_samples', target))
        AND i.inhrelid = to_regclass(
            format('%I.%I', target, 'heart_rate_samples_' || to_char(month, 'YYYY_MM'))
        )
$$;

-- SHARE on one month's partition until the caller's transaction ends: no writes, reads go on.
CREATE FUNCTION aiapp.lock_hr_partition(target text, month date) RETURNS boolean
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    part regclass := aiapp.hr_partition(target, month);
BEGIN
    IF part IS NULL THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('LOCK TABLE %s IN SHARE MODE', part);
    RETURN TRUE;
END
$$;

-- Detaches and drops one month's partition; false when that month has none.
CREATE FUNCTION aiapp.drop_hr_partition(target text, month date) RETURNS boolean
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    part regclass := aiapp.hr_partition(target, month);
BEGIN
    IF part IS NULL THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('ALTER TABLE %I.heart_rate_samples DETACH PARTITION %s', target, part);
    EXECUTE format('DROP TABLE %s', part);
    RETURN TRUE;
END
$$;

-- Only the app (and the owner) may change partitions.
REVOKE ALL ON FUNCTION aiapp.ensure_hr_partitions(text, timestamptz, timestamptz) FROM public;
REVOKE ALL ON FUNCTION aiapp.lock_hr_partition(text, date) FROM public;
REVOKE ALL ON FUNCTION aiapp.drop_hr_partition(text, date) FROM public;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        GRANT EXECUTE ON FUNCTION aiapp.ensure_hr_partitions(text, timestamptz, timestamptz)
        TO storage_app;
        GRANT EXECUTE ON FUNCTION aiapp.lock_hr_partition(text, date) TO storage_app;
        GRANT EXECUTE ON FUNCTION aiapp.drop_hr_partition(text, date) TO storage_app;
    END IF;
END
$$;

DO $migration$
DECLARE
    target text;
    month timestamptz;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        EXECUTE format($ddl$
            -- The foreign keys onto the keys that change go first, and come back composite.
            ALTER TABLE %1$I.activity_gps DROP CONSTRAINT activity_gps_activity_fkey;
            ALTER TABLE %1$I.fit_files DROP CONSTRAINT fit_files_activity_fkey;
            ALTER TABLE %1$I.activity_laps DROP CONSTRAINT activity_laps_activity_fkey;
            ALTER TABLE %1$I.activities DROP CONSTRAINT activities_planned_workout_fkey;
            ALTER TABLE %1$I.planned_workouts DROP CONSTRAINT planned_workouts_plan_fkey;
            ALTER TABLE %1$I.heart_rate_samples RENAME TO heart_rate_samples_unpartitioned;
            ALTER TABLE %1$I.heart_rate_samples_unpartitioned
            DROP CONSTRAINT heart_rate_samples_activity_id_fkey;
            ALTER INDEX %1$I.heart_rate_samples_pkey
            RENAME TO heart_rate_samples_unpartitioned_pkey;

            ALTER TABLE %1$I.activities
                DROP CONSTRAINT activities_pkey,
                DROP CONSTRAINT activities_owner_key,
                ADD CONSTRAINT activities_pkey PRIMARY KEY (customer_id, activity_id);
            -- One activity completes a workout, within its owner's rows.
            DROP INDEX %1$I.activities_planned_workout_key;
            CREATE UNIQUE INDEX activities_planned_workout_key
            ON %1$I.activities (customer_id, planned_workout_id)
            WHERE planned_workout_id IS NOT NULL;

            ALTER TABLE %1$I.activity_gps
                DROP CONSTRAINT activity_gps_pkey,
                ADD CONSTRAINT activity_gps_pkey PRIMARY KEY (customer_id, activity_id);

            ALTER TABLE %1$I.training_plans
                DROP CONSTRAINT training_plans_pkey,
                DROP CONSTRAINT training_plans_owner_key,
                ADD CONSTRAINT training_plans_pkey PRIMARY KEY (customer_id, plan_id);

            ALTER TABLE %1$I.planned_workouts
                DROP CONSTRAINT planned_workouts_pkey,
                DROP CONSTRAINT planned_workouts_owner_key,
                ADD CONSTRAINT planned_workouts_pkey PRIMARY KEY (customer_id, workout_id);
            -- A plan's workouts by day, within the owner's rows.
            DROP INDEX %1$I.planned_workouts_plan_date_idx;
            CREATE INDEX planned_workouts_plan_date_idx
            ON %1$I.planned_workouts (customer_id, plan_id, workout_date);

            ALTER TABLE %1$I.hrv_readings
                DROP CONSTRAINT hrv_readings_pkey,
                ADD CONSTRAINT hrv_readings_pkey PRIMARY KEY (customer_id, reading_id);
            ALTER TABLE %1$I.ai_analysis_cache
                DROP CONSTRAINT ai_analysis_cache_pkey,
                ADD CONSTRAINT ai_analysis_cache_pkey PRIMARY KEY (customer_id, cache_id);
            ALTER TABLE %1$I.sync_history
                DROP CONSTRAINT sync_history_pkey,
                ADD CONSTRAINT sync_history_pkey PRIMARY KEY (customer_id, sync_id);
            ALTER TABLE %1$I.user_profile DROP CONSTRAINT user_profile_garmin_user_id_key;

            ALTER TABLE %1$I.activity_gps ADD CONSTRAINT activity_gps_activity_fkey
            FOREIGN KEY (customer_id, activity_id)
            REFERENCES %1$I.activities (customer_id, activity_id) ON DELETE CASCADE;
            ALTER TABLE %1$I.fit_files ADD CONSTRAINT fit_files_activity_fkey
            FOREIGN KEY (customer_id, activity_id)
            REFERENCES %1$I.activities (customer_id, activity_id) ON DELETE CASCADE;
            ALTER TABLE %1$I.activity_laps ADD CONSTRAINT activity_laps_activity_fkey
            FOREIGN KEY (customer_id, activity_id)
            REFERENCES %1$I.activities (customer_id, activity_id) ON DELETE CASCADE;
            ALTER TABLE %1$I.planned_workouts ADD CONSTRAINT planned_workouts_plan_fkey
            FOREIGN KEY (customer_id, plan_id)
            REFERENCES %1$I.training_plans (customer_id, plan_id) ON DELETE CASCADE;
            ALTER TABLE %1$I.activities ADD CONSTRAINT activities_planned_workout_fkey
            FOREIGN KEY (customer_id, planned_workout_id)
            REFERENCES %1$I.planned_workouts (customer_id, workout_id)
            ON DELETE SET NULL (planned_workout_id);

            CREATE TABLE %1$I.heart_rate_samples (
                customer_id bigint NOT NULL,
                activity_id bigint NOT NULL,
                sample_time timestamptz NOT NULL,
                elapsed_seconds integer NOT NULL CHECK (elapsed_seconds >= 0),
                heart_rate smallint NOT NULL CHECK (heart_rate BETWEEN 20 AND 260),
                seq smallint NOT NULL DEFAULT 0 CHECK (seq >= 0),
                -- An activity's samples in time order, in each month (see select_hr_samples).
                PRIMARY KEY (customer_id, activity_id, sample_time, seq),
                CONSTRAINT heart_rate_samples_activity_fkey FOREIGN KEY (customer_id, activity_id)
                REFERENCES %1$I.activities (customer_id, activity_id) ON DELETE CASCADE
            ) PARTITION BY RANGE (sample_time);
        $ddl$, target);

        -- The months the stored samples need (and this one), then the rows.
        FOR month IN EXECUTE format(
            'SELECT DISTINCT date_trunc(''month'', sample_time AT TIME ZONE ''UTC'')'
            ' AT TIME ZONE ''UTC'' FROM %I.heart_rate_samples_unpartitioned'
            ' UNION SELECT date_trunc(''month'', now() AT TIME ZONE ''UTC'') AT TIME ZONE ''UTC''',
            target
        ) LOOP
            PERFORM aiapp.ensure_hr_partitions(target, month, month);
        END LOOP;
        EXECUTE format($move$
            INSERT INTO %1$I.heart_rate_samples (
                customer_id, activity_id, sample_time, elapsed_seconds, heart_rate, seq
            )
            SELECT a.customer_id, s.activity_id, s.sample_time, s.elapsed_seconds, s.heart_rate, 0
            FROM %1$I.heart_rate_samples_unpartitioned AS s
            INNER JOIN %1$I.activities AS a ON s.activity_id = a.activity_id;
            DROP TABLE %1$I.heart_rate_samples_unpartitioned;
        $move$, target);
    END LOOP;
END
$migration$;
