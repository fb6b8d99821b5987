-- Undoes 0017.garmin_scale in both schemas: heart_rate_samples becomes one table keyed by
-- (activity_id, sample_time) again (of samples that share a second only seq 0 survives, as
-- that key holds one), and the keys go back to the ids alone. Fails where two users stored the
-- same activity id or the same Garmin account id, which the old keys cannot hold: delete one
-- first.

DO $migration$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        EXECUTE format($ddl$
            CREATE TABLE %1$I.heart_rate_samples_unpartitioned (
                activity_id bigint NOT NULL,
                sample_time timestamptz NOT NULL,
                heart_rate smallint NOT NULL CHECK (heart_rate BETWEEN 20 AND 260),
                elapsed_seconds integer NOT NULL CHECK (elapsed_seconds >= 0),
                PRIMARY KEY (activity_id, sample_time)
            );
            INSERT INTO %1$I.heart_rate_samples_unpartitioned (
                activity_id, sample_time, heart_rate, elapsed_seconds
            )
            SELECT activity_id, sample_time, heart_rate, elapsed_seconds
            FROM %1$I.heart_rate_samples
            WHERE seq = 0;
            DROP TABLE %1$I.heart_rate_samples;
            ALTER TABLE %1$I.heart_rate_samples_unpartitioned RENAME TO heart_rate_samples;
            ALTER INDEX %1$I.heart_rate_samples_unpartitioned_pkey
            RENAME TO heart_rate_samples_pkey;

            ALTER TABLE %1$I.activity_gps DROP CONSTRAINT activity_gps_activity_fkey;
            ALTER TABLE %1$I.fit_files DROP CONSTRAINT fit_files_activity_fkey;
            ALTER TABLE %1$I.activity_laps DROP CONSTRAINT activity_laps_activity_fkey;
            ALTER TABLE %1$I.activities DROP CONSTRAINT activities_planned_workout_fkey;
            ALTER TABLE %1$I.planned_workouts DROP CONSTRAINT planned_workouts_plan_fkey;

            ALTER TABLE %1$I.user_profile
            ADD CONSTRAINT user_profile_garmin_user_id_key UNIQUE (garmin_user_id);
            ALTER TABLE %1$I.sync_history
                DROP CONSTRAINT sync_history_pkey,
                ADD CONSTRAINT sync_history_pkey PRIMARY KEY (sync_id);
            ALTER TABLE %1$I.ai_analysis_cache
                DROP CONSTRAINT ai_analysis_cache_pkey,
                ADD CONSTRAINT ai_analysis_cache_pkey PRIMARY KEY (cache_id);
            ALTER TABLE %1$I.hrv_readings
                DROP CONSTRAINT hrv_readings_pkey,
                ADD CONSTRAINT hrv_readings_pkey PRIMARY KEY (reading_id);

            DROP INDEX %1$I.planned_workouts_plan_date_idx;
            CREATE INDEX planned_workouts_plan_date_idx
            ON %1$I.planned_workouts (plan_id, workout_date);
            ALTER TABLE %1$I.planned_workouts
                DROP CONSTRAINT planned_workouts_pkey,
                ADD CONSTRAINT planned_workouts_pkey PRIMARY KEY (workout_id),
                ADD CONSTRAINT planned_workouts_owner_key UNIQUE (customer_id, workout_id);
            ALTER TABLE %1$I.training_plans
                DROP CONSTRAINT training_plans_pkey,
                ADD CONSTRAINT training_plans_pkey PRIMARY KEY (plan_id),
                ADD CONSTRAINT training_plans_owner_key UNIQUE (customer_id, plan_id);
            ALTER TABLE %1$I.activity_gps
                DROP CONSTRAINT activity_gps_pkey,
                ADD CONSTRAINT activity_gps_pkey PRIMARY KEY (activity_id);
            DROP INDEX %1$I.activities_planned_workout_key;
            CREATE UNIQUE INDEX activities_planned_workout_key
            ON %1$I.activities (planned_workout_id) WHERE planned_workout_id IS NOT NULL;
            ALTER TABLE %1$I.activities
                DROP CONSTRAINT activities_pkey,
                ADD CONSTRAINT activities_pkey PRIMARY KEY (activity_id),
                ADD CONSTRAINT activities_owner_key UNIQUE (customer_id, activity_id);

            ALTER TABLE %1$I.heart_rate_samples ADD CONSTRAINT heart_rate_samples_activity_id_fkey
            FOREIGN KEY (activity_id) REFERENCES %1$I.activities (activity_id) ON DELETE CASCADE;
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
        $ddl$, target);
    END LOOP;
END
$migration$;

DROP FUNCTION aiapp.drop_hr_partition(text, date);
DROP FUNCTION aiapp.lock_hr_partition(text, date);
DROP FUNCTION aiapp.hr_partition(text, date);
DROP FUNCTION aiapp.ensure_hr_partitions(text, timestamptz, timestamptz);

-- The table rebuilt above belongs to whoever ran the rollback, and post-apply.grants.sql runs
-- only after an upgrade: hand it to the owner and give the app back its rights, as 0010 did.
DO $grants$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_owner') THEN
            EXECUTE format('ALTER TABLE %I.heart_rate_samples OWNER TO storage_owner', target);
        END IF;
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
            EXECUTE format(
                'GRANT SELECT, INSERT, UPDATE, DELETE ON %I.heart_rate_samples TO storage_app',
                target
            );
        END IF;
    END LOOP;
END
$grants$;
