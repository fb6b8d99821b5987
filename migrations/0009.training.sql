-- depends: 0004.garmin
-- The training system on the Garmin data (the "Garmin AI training optimization" seed), created
-- identically in aiapp_nonprod and aiapp inside one loop, as 0004.garmin does (%1$I is the
-- schema). Where the seed and the Garmin storage describe the same data there is one table:
-- activities gains the seed's columns, and daily_metrics is a VIEW over the daily tables.
--
-- Garmin OAuth tokens are not stored here: the sync worker holds them. (pgcrypto is not part of
-- every server this runs on, so an encrypted column would not be portable.)
--
-- heart_rate_samples is the big table (~1,800 rows an activity). Its row is three fixed-width
-- values keyed by (activity_id, sample_time); the owner is reached through activities, so no
-- customer_id is repeated per sample. Partitioning-ready: to split by month, recreate it as
-- PARTITION BY RANGE (sample_time) with one partition per calendar month (the primary key
-- already contains sample_time, as a partitioned key must) and move rows with
-- INSERT ... SELECT; no statement changes.
--
-- Derived values are never stored by hand: a plan's completion share and a workout's completed
-- flag come from activities.planned_workout_id (set by "mark completed by activity"); the
-- training_load_tracking rows are written only by recompute_training_load.

DO $migration$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        EXECUTE format($ddl$
            -- The athlete's profile, 1:1 with users.
            CREATE TABLE %1$I.user_profile (
                customer_id bigint PRIMARY KEY
                REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                date_of_birth date CHECK (date_of_birth BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
                gender text CHECK (gender IN ('male', 'female', 'other')),
                height_cm numeric CHECK (height_cm BETWEEN 50 AND 280),
                weight_kg numeric CHECK (weight_kg BETWEEN 20 AND 400),
                resting_heart_rate integer CHECK (resting_heart_rate BETWEEN 20 AND 260),
                max_heart_rate integer CHECK (max_heart_rate BETWEEN 20 AND 260),
                -- Five zones, each {"zone", "min_hr", "max_hr"}.
                heart_rate_zones jsonb CHECK (jsonb_typeof(heart_rate_zones) = 'array'),
                training_preferences jsonb NOT NULL DEFAULT '{}'
                    CHECK (jsonb_typeof(training_preferences) = 'object'),
                garmin_user_id text UNIQUE,
                timezone text NOT NULL DEFAULT 'UTC',
                units text NOT NULL DEFAULT 'metric' CHECK (units IN ('metric', 'imperial')),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CHECK (resting_heart_rate < max_heart_rate)
            );

            -- A training plan; its completion share is derived (see list_training_plans).
            CREATE TABLE %1$I.training_plans (
                plan_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                goal text,
                start_date date NOT NULL,
                end_date date NOT NULL,
                is_active boolean NOT NULL DEFAULT true,
                ai_generated boolean NOT NULL DEFAULT false,
                ai_model text,
                ai_prompt text,
                weekly_structure jsonb CHECK (jsonb_typeof(weekly_structure) = 'object'),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT training_plans_owner_key UNIQUE (customer_id, plan_id),
                CHECK (end_date >= start_date)
            );
            -- A user's plans, active first (list_training_plans).
            CREATE INDEX training_plans_customer_active_idx
            ON %1$I.training_plans (customer_id, is_active, start_date);

            -- One workout of a plan. The composite key keeps it with its plan's owner.
            CREATE TABLE %1$I.planned_workouts (
                workout_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                plan_id bigint NOT NULL,
                customer_id bigint NOT NULL,
                workout_date date NOT NULL,
                workout_type text NOT NULL CHECK (workout_type IN (
                    'easy_run', 'long_run', 'tempo', 'intervals', 'recovery', 'cross_training',
                    'strength', 'rest', 'race', 'cycling', 'swimming'
                )),
                workout_name text,
                description text,
                target_duration_minutes integer CHECK (target_duration_minutes BETWEEN 0 AND 1440),
                target_distance_meters numeric CHECK (target_distance_meters >= 0),
                target_hr_zone integer CHECK (target_hr_zone BETWEEN 1 AND 5),
                target_pace_seconds_per_km numeric CHECK (target_pace_seconds_per_km > 0),
                target_power_watts numeric CHECK (target_power_watts >= 0),
                intensity text CHECK (intensity IN ('very_easy', 'easy', 'moderate', 'hard', 'very_hard')),
                ai_reasoning text,
                adaptations jsonb CHECK (jsonb_typeof(adaptations) = 'array'),
                coach_notes text,
                athlete_feedback text,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT planned_workouts_owner_key UNIQUE (customer_id, workout_id),
                CONSTRAINT planned_workouts_plan_fkey FOREIGN KEY (customer_id, plan_id)
                REFERENCES %1$I.training_plans (customer_id, plan_id) ON DELETE CASCADE
            );
            -- A plan's workouts by day (select_training_plan, list_training_plans).
            CREATE INDEX planned_workouts_plan_date_idx
            ON %1$I.planned_workouts (plan_id, workout_date);

            -- The seed's activity columns. planned_workout_id marks the workout this activity
            -- completed: the composite key keeps both with one owner, and deleting the workout
            -- clears only that column.
            ALTER TABLE %1$I.activities
                ADD COLUMN avg_power numeric CHECK (avg_power >= 0),
                ADD COLUMN max_power numeric CHECK (max_power >= 0),
                ADD COLUMN normalized_power numeric CHECK (normalized_power >= 0),
                ADD COLUMN avg_cadence numeric CHECK (avg_cadence >= 0),
                ADD COLUMN max_cadence numeric CHECK (max_cadence >= 0),
                ADD COLUMN avg_vertical_oscillation numeric CHECK (avg_vertical_oscillation >= 0),
                ADD COLUMN avg_ground_contact_time numeric CHECK (avg_ground_contact_time >= 0),
                ADD COLUMN intensity_factor numeric CHECK (intensity_factor BETWEEN 0 AND 3),
                ADD COLUMN perceived_exertion integer CHECK (perceived_exertion BETWEEN 1 AND 10),
                ADD COLUMN notes text,
                ADD COLUMN raw_activity_data jsonb,
                ADD COLUMN planned_workout_id bigint,
                ADD CONSTRAINT activities_planned_workout_fkey
                FOREIGN KEY (customer_id, planned_workout_id)
                REFERENCES %1$I.planned_workouts (customer_id, workout_id)
                ON DELETE SET NULL (planned_workout_id);
            -- One activity completes a workout (and finds it: the plan's completion share).
            CREATE UNIQUE INDEX activities_planned_workout_key
            ON %1$I.activities (planned_workout_id) WHERE planned_workout_id IS NOT NULL;
            -- The activity date range filtered by type (list_activities_range).
            CREATE INDEX activities_customer_type_date_idx
            ON %1$I.activities (customer_id, activity_type, calendar_date);

            -- Second-by-second heart rate of an activity (see the header on partitioning).
            CREATE TABLE %1$I.heart_rate_samples (
                activity_id bigint NOT NULL
                REFERENCES %1$I.activities (activity_id) ON DELETE CASCADE,
                sample_time timestamptz NOT NULL,
                heart_rate smallint NOT NULL CHECK (heart_rate BETWEEN 20 AND 260),
                elapsed_seconds integer NOT NULL CHECK (elapsed_seconds >= 0),
                PRIMARY KEY (activity_id, sample_time)
            );

            -- Individual HRV measurements (the nightly summary stays in hrv_data).
            CREATE TABLE %1$I.hrv_readings (
                reading_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                reading_date date NOT NULL
                    CHECK (reading_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                reading_time timestamptz NOT NULL,
                reading_type text NOT NULL
                    CHECK (reading_type IN ('morning', 'all_day', 'sleep', 'activity')),
                sdnn numeric CHECK (sdnn >= 0),
                rmssd numeric CHECK (rmssd >= 0),
                pnn50 numeric CHECK (pnn50 BETWEEN 0 AND 100),
                avg_heart_rate integer CHECK (avg_heart_rate BETWEEN 20 AND 260),
                status text CHECK (status IN ('balanced', 'unbalanced', 'low', 'poor')),
                created_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT hrv_readings_natural_key UNIQUE (customer_id, reading_time, reading_type)
            );
            -- A user's readings in a date window (list_hrv_readings).
            CREATE INDEX hrv_readings_customer_date_idx
            ON %1$I.hrv_readings (customer_id, reading_date);

            -- The day's readiness verdict.
            CREATE TABLE %1$I.daily_readiness (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                readiness_score integer NOT NULL CHECK (readiness_score BETWEEN 0 AND 100),
                recommendation text NOT NULL CHECK (recommendation IN (
                    'high_intensity', 'moderate', 'easy', 'rest', 'recovery'
                )),
                key_factors jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(key_factors) = 'array'),
                red_flags jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(red_flags) = 'array'),
                recovery_tips jsonb NOT NULL DEFAULT '[]'
                    CHECK (jsonb_typeof(recovery_tips) = 'array'),
                suggested_workout text,
                ai_analysis text,
                model_version text,
                confidence numeric CHECK (confidence BETWEEN 0 AND 1),
                training_load_7d numeric CHECK (training_load_7d >= 0),
                training_load_28d numeric CHECK (training_load_28d >= 0),
                acwr numeric CHECK (acwr >= 0),
                user_agreed boolean,
                user_feedback text,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date)
            );

            -- Answers of the AI, by a hash of what was asked.
            CREATE TABLE %1$I.ai_analysis_cache (
                cache_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{16,128}$'),
                analysis_type text NOT NULL CHECK (analysis_type IN (
                    'daily_readiness', 'workout_recommendation', 'training_plan',
                    'recovery_advice', 'performance_analysis', 'weekly_summary'
                )),
                input_context jsonb NOT NULL DEFAULT '{}',
                response_text text NOT NULL,
                structured_output jsonb,
                model_version text,
                hit_count integer NOT NULL DEFAULT 0 CHECK (hit_count >= 0),
                last_accessed_at timestamptz,
                expires_at timestamptz NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT ai_analysis_cache_hash_key UNIQUE (customer_id, content_hash)
            );
            -- What cache-purge deletes.
            CREATE INDEX ai_analysis_cache_expires_idx ON %1$I.ai_analysis_cache (expires_at);

            -- The daily training load and what follows from it; written by recompute only.
            CREATE TABLE %1$I.training_load_tracking (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                daily_load numeric NOT NULL CHECK (daily_load >= 0),
                acute_load numeric NOT NULL CHECK (acute_load >= 0),
                chronic_load numeric NOT NULL CHECK (chronic_load >= 0),
                acwr numeric CHECK (acwr >= 0),
                acwr_status text CHECK (acwr_status IN ('low', 'optimal', 'caution', 'high_risk')),
                fitness numeric NOT NULL,
                fatigue numeric NOT NULL,
                form numeric NOT NULL,
                monotony numeric CHECK (monotony >= 0),
                strain numeric CHECK (strain >= 0),
                weekly_ramp_rate numeric,
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date),
                CHECK ((acwr IS NULL) = (acwr_status IS NULL))
            );

            -- One run of the Garmin sync worker.
            CREATE TABLE %1$I.sync_history (
                sync_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                sync_type text NOT NULL CHECK (sync_type IN ('full', 'incremental', 'manual')),
                status text NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'success', 'partial', 'failed')),
                window_start date,
                window_end date,
                started_at timestamptz NOT NULL DEFAULT now(),
                completed_at timestamptz,
                duration_seconds numeric
                GENERATED ALWAYS AS (extract(EPOCH FROM completed_at - started_at)) STORED,
                records_synced integer NOT NULL DEFAULT 0 CHECK (records_synced >= 0),
                records_failed integer NOT NULL DEFAULT 0 CHECK (records_failed >= 0),
                data_types text[] NOT NULL DEFAULT '{}',
                error_message text,
                error_details jsonb,
                api_calls_made integer NOT NULL DEFAULT 0 CHECK (api_calls_made >= 0),
                rate_limit_hit boolean NOT NULL DEFAULT false,
                CHECK (window_end >= window_start),
                CHECK (completed_at >= started_at),
                CHECK ((status = 'running') = (completed_at IS NULL))
            );
            -- A user's syncs, newest first (list_sync_history).
            CREATE INDEX sync_history_customer_started_idx
            ON %1$I.sync_history (customer_id, started_at DESC);

            -- The seed's daily_metrics: one row per user and day that has any daily data,
            -- joining the summary, sleep, HRV, body composition, fitness age and training
            -- status. Filters on customer_id and calendar_date reach each table's primary key.
            CREATE VIEW %1$I.daily_metrics AS
            WITH days AS (
                SELECT customer_id, calendar_date FROM %1$I.user_summary
                UNION
                SELECT customer_id, calendar_date FROM %1$I.sleep_data
                UNION
                SELECT customer_id, calendar_date FROM %1$I.hrv_data
                UNION
                SELECT customer_id, calendar_date FROM %1$I.body_composition
            )
            SELECT
                d.customer_id,
                d.calendar_date,
                s.total_steps AS steps,
                s.total_distance_meters AS distance_meters,
                s.total_kilocalories AS calories,
                s.active_kilocalories AS active_calories,
                s.resting_heart_rate,
                s.max_heart_rate,
                s.average_stress_level AS avg_stress_level,
                s.body_battery_highest_value AS body_battery_max,
                s.body_battery_lowest_value AS body_battery_min,
                s.moderate_intensity_minutes,
                s.vigorous_intensity_minutes,
                sl.sleep_time_seconds,
                sl.deep_sleep_seconds,
                sl.light_sleep_seconds,
                sl.rem_sleep_seconds,
                sl.awake_sleep_seconds,
                sl.sleep_overall_score_value AS sleep_score,
                h.hrv_last_night_avg AS hrv_rmssd,
                h.hrv_weekly_avg,
                h.hrv_status,
                b.weight AS weight_kg,
                b.body_fat_percentage,
                b.muscle_mass,
                b.bmi,
                f.fitness_age,
                t.vo2_max_precise_value AS vo2_max,
                t.daily_training_load_acute AS training_load_acute,
                t.daily_training_load_chronic AS training_load_chronic
            FROM days AS d
            LEFT JOIN %1$I.user_summary AS s USING (customer_id, calendar_date)
            LEFT JOIN %1$I.sleep_data AS sl USING (customer_id, calendar_date)
            LEFT JOIN %1$I.hrv_data AS h USING (customer_id, calendar_date)
            LEFT JOIN %1$I.body_composition AS b USING (customer_id, calendar_date)
            LEFT JOIN %1$I.fitness_age AS f USING (customer_id, calendar_date)
            LEFT JOIN %1$I.training_status AS t USING (customer_id, calendar_date);
        $ddl$, target);

        -- updated_at follows real changes, as on the Garmin tables.
        EXECUTE (
            SELECT string_agg(format($trg$
                CREATE TRIGGER %2$I BEFORE UPDATE ON %1$I.%3$I
                FOR EACH ROW EXECUTE FUNCTION aiapp.touch_updated_at();
            $trg$, target, tbl || '_touch_updated_at', tbl), '')
            FROM unnest(ARRAY[
                'user_profile', 'training_plans', 'planned_workouts', 'daily_readiness'
            ]) AS tbl
        );
    END LOOP;
END
$migration$;
