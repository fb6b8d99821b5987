-- depends: 0002.users
-- Garmin health data: the eleven tables the sync worker fills and the dashboards read, created
-- identically in aiapp_nonprod (non-production data) and aiapp (production). The Garmin pool's
-- search_path picks one of them, so the same named SQL serves both.
--
-- How to read this file: the DDL is written ONCE, inside a loop over the two schemas
-- (format('%1$I') puts the schema name where the text says %1$I). Writing it twice would
-- double the file and let the two copies drift; the loop guarantees the schemas match.
--
-- Every table: customer_id -> aiapp.users (cascade), calendar_date (the day the data
-- describes), created_at / updated_at, and the dataset's columns (names from the original
-- service's get_* tables). Daily tables are keyed by (customer_id, calendar_date); that key's
-- index serves every per-user date-window read. Activities and their GPS track are keyed by
-- Garmin's activity_id. CHECK constraints hold only ranges that cannot be wrong: heart rates
-- 20-260 bpm, percentages and scores 0-100, no negative durations, distances or counts, and a
-- calendar day between 1990 and 2100 (a year-20025 date is a unit bug, not data).
--
-- Two triggers on every table, fired in name order: *_skip_unchanged (PostgreSQL's
-- suppress_redundant_updates_trigger) drops an upsert that would change nothing, so re-sending
-- a payload writes no row version and keeps updated_at; *_touch_updated_at then stamps real
-- changes. Names are chosen so "skip" sorts before "touch".

DO $migration$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        EXECUTE format($ddl$
            -- get_user_summary: the day's totals.
            CREATE TABLE %1$I.user_summary (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                total_kilocalories numeric CHECK (total_kilocalories >= 0),
                active_kilocalories numeric CHECK (active_kilocalories >= 0),
                bmr_kilocalories numeric CHECK (bmr_kilocalories >= 0),
                total_steps integer CHECK (total_steps >= 0),
                total_distance_meters integer CHECK (total_distance_meters >= 0),
                min_heart_rate integer CHECK (min_heart_rate BETWEEN 20 AND 260),
                max_heart_rate integer CHECK (max_heart_rate BETWEEN 20 AND 260),
                resting_heart_rate integer CHECK (resting_heart_rate BETWEEN 20 AND 260),
                last_seven_days_avg_resting_heart_rate integer
                    CHECK (last_seven_days_avg_resting_heart_rate BETWEEN 20 AND 260),
                vigorous_intensity_minutes integer CHECK (vigorous_intensity_minutes >= 0),
                moderate_intensity_minutes integer CHECK (moderate_intensity_minutes >= 0),
                -- Garmin reports -1 / -2 for "not enough data" on stress levels.
                average_stress_level integer CHECK (average_stress_level BETWEEN -2 AND 100),
                total_stress_duration integer CHECK (total_stress_duration >= 0),
                stress_duration integer CHECK (stress_duration >= 0),
                uncategorized_stress_duration integer CHECK (uncategorized_stress_duration >= 0),
                rest_stress_duration integer CHECK (rest_stress_duration >= 0),
                low_stress_duration integer CHECK (low_stress_duration >= 0),
                activity_stress_duration integer CHECK (activity_stress_duration >= 0),
                medium_stress_duration integer CHECK (medium_stress_duration >= 0),
                high_stress_duration integer CHECK (high_stress_duration >= 0),
                stress_qualifier text,
                body_battery_charged_value integer CHECK (body_battery_charged_value >= 0),
                body_battery_drained_value integer CHECK (body_battery_drained_value >= 0),
                body_battery_highest_value integer
                    CHECK (body_battery_highest_value BETWEEN 0 AND 100),
                body_battery_lowest_value integer CHECK (body_battery_lowest_value BETWEEN 0 AND 100),
                body_battery_most_recent_value integer
                    CHECK (body_battery_most_recent_value BETWEEN 0 AND 100),
                avg_waking_respiration_value numeric CHECK (avg_waking_respiration_value >= 0),
                highest_respiration_value numeric CHECK (highest_respiration_value >= 0),
                lowest_respiration_value numeric CHECK (lowest_respiration_value >= 0),
                latest_respiration_value numeric CHECK (latest_respiration_value >= 0),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date)
            );

            -- get_body_composition: masses in kg, shares in percent.
            CREATE TABLE %1$I.body_composition (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                weight numeric CHECK (weight > 0 AND weight < 700),
                bmi numeric CHECK (bmi > 0 AND bmi < 200),
                body_fat_mass numeric CHECK (body_fat_mass >= 0),
                body_fat_percentage numeric CHECK (body_fat_percentage BETWEEN 0 AND 100),
                body_water_mass numeric CHECK (body_water_mass >= 0),
                body_water_percentage numeric CHECK (body_water_percentage BETWEEN 0 AND 100),
                bone_mass numeric CHECK (bone_mass >= 0),
                bone_mass_percentage numeric CHECK (bone_mass_percentage BETWEEN 0 AND 100),
                muscle_mass numeric CHECK (muscle_mass >= 0),
                muscle_mass_percentage numeric CHECK (muscle_mass_percentage BETWEEN 0 AND 100),
                visceral_fat numeric CHECK (visceral_fat >= 0),
                basal_metabolic_rate integer CHECK (basal_metabolic_rate >= 0),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date)
            );

            -- get_hrv_data: Garmin files the night under the morning it ends ("next-day").
            CREATE TABLE %1$I.hrv_data (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                hrv_weekly_avg integer CHECK (hrv_weekly_avg >= 0),
                hrv_last_night_avg integer CHECK (hrv_last_night_avg >= 0),
                hrv_status text,
                hrv_baseline_balanced_low integer CHECK (hrv_baseline_balanced_low >= 0),
                hrv_baseline_balanced_upper integer CHECK (hrv_baseline_balanced_upper >= 0),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date)
            );

            -- get_sleep_data, "next-day" like HRV. sleep_start / sleep_end are the GMT instants;
            -- time_offset is the device's local offset from GMT. The series are JSON arrays of
            -- {"startGMT", "value"} (levels: {"startGMT", "endGMT", "activityLevel"}).
            CREATE TABLE %1$I.sleep_data (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                time_offset interval
                    CHECK (time_offset BETWEEN INTERVAL '-14 hours' AND INTERVAL '14 hours'),
                sleep_time_seconds integer CHECK (sleep_time_seconds BETWEEN 0 AND 86400),
                sleep_start timestamptz,
                sleep_end timestamptz,
                nap_time_seconds integer CHECK (nap_time_seconds BETWEEN 0 AND 86400),
                nap_data jsonb CHECK (jsonb_typeof(nap_data) = 'array'),
                deep_sleep_seconds integer CHECK (deep_sleep_seconds BETWEEN 0 AND 86400),
                light_sleep_seconds integer CHECK (light_sleep_seconds BETWEEN 0 AND 86400),
                rem_sleep_seconds integer CHECK (rem_sleep_seconds BETWEEN 0 AND 86400),
                awake_sleep_seconds integer CHECK (awake_sleep_seconds BETWEEN 0 AND 86400),
                sleep_average_respiration_value numeric
                    CHECK (sleep_average_respiration_value >= 0),
                sleep_lowest_respiration_value numeric CHECK (sleep_lowest_respiration_value >= 0),
                sleep_highest_respiration_value numeric
                    CHECK (sleep_highest_respiration_value >= 0),
                sleep_awake_count integer CHECK (sleep_awake_count >= 0),
                avg_sleep_stress numeric CHECK (avg_sleep_stress BETWEEN -2 AND 100),
                sleep_score_feedback text,
                sleep_score_insight text,
                sleep_score_personalized_insight text,
                sleep_overall_score_value integer CHECK (sleep_overall_score_value BETWEEN 0 AND 100),
                sleep_overall_score_qualifier text,
                sleep_total_duration_qualifier text,
                sleep_stress_qualifier text,
                sleep_awake_count_qualifier text,
                sleep_rem_percentage_value integer
                    CHECK (sleep_rem_percentage_value BETWEEN 0 AND 100),
                sleep_rem_percentage_qualifier text,
                sleep_rem_optimal_start numeric,
                sleep_rem_optimal_end numeric,
                sleep_restlessness_qualifier text,
                sleep_restlessness_optimal_start numeric,
                sleep_restlessness_optimal_end numeric,
                sleep_light_percentage_value integer
                    CHECK (sleep_light_percentage_value BETWEEN 0 AND 100),
                sleep_light_percentage_qualifier text,
                sleep_light_optimal_start numeric,
                sleep_light_optimal_end numeric,
                sleep_deep_percentage_value integer
                    CHECK (sleep_deep_percentage_value BETWEEN 0 AND 100),
                sleep_deep_percentage_qualifier text,
                sleep_deep_optimal_start numeric,
                sleep_deep_optimal_end numeric,
                sleep_avg_overnight_hrv numeric CHECK (sleep_avg_overnight_hrv >= 0),
                sleep_resting_heart_rate integer CHECK (sleep_resting_heart_rate BETWEEN 20 AND 260),
                sleep_body_battery_change integer
                    CHECK (sleep_body_battery_change BETWEEN -100 AND 100),
                sleep_restless_moments_count integer CHECK (sleep_restless_moments_count >= 0),
                sleep_levels_data jsonb CHECK (jsonb_typeof(sleep_levels_data) = 'array'),
                sleep_heart_rate_data jsonb CHECK (jsonb_typeof(sleep_heart_rate_data) = 'array'),
                sleep_hrv_data jsonb CHECK (jsonb_typeof(sleep_hrv_data) = 'array'),
                sleep_stress_data jsonb CHECK (jsonb_typeof(sleep_stress_data) = 'array'),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date),
                CHECK (sleep_end >= sleep_start)
            );

            -- get_activities: one row per Garmin activity (ids are global across accounts).
            -- activity_start_time is the GMT start; time_offset the device's local offset.
            -- Weather is at the start; secs_in_zone1..5 the time in each heart-rate zone.
            -- (customer_id, activity_id) is the upsert key and the target of the GPS foreign
            -- key: an id already owned by another user then fails on the primary key (409).
            CREATE TABLE %1$I.activities (
                activity_id bigint PRIMARY KEY CHECK (activity_id > 0),
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                activity_type text,
                activity_name text,
                activity_description text,
                activity_start_time timestamptz,
                time_offset interval
                    CHECK (time_offset BETWEEN INTERVAL '-14 hours' AND INTERVAL '14 hours'),
                activity_start_latitude numeric CHECK (activity_start_latitude BETWEEN -90 AND 90),
                activity_start_longitude numeric
                    CHECK (activity_start_longitude BETWEEN -180 AND 180),
                activity_end_latitude numeric CHECK (activity_end_latitude BETWEEN -90 AND 90),
                activity_end_longitude numeric CHECK (activity_end_longitude BETWEEN -180 AND 180),
                activity_location_name text,
                activity_duration numeric CHECK (activity_duration >= 0),
                activity_elapsed_duration numeric CHECK (activity_elapsed_duration >= 0),
                activity_moving_duration numeric CHECK (activity_moving_duration >= 0),
                activity_distance numeric CHECK (activity_distance >= 0),
                activity_elevation_gain numeric CHECK (activity_elevation_gain >= 0),
                activity_elevation_loss numeric CHECK (activity_elevation_loss >= 0),
                activity_min_elevation numeric,
                activity_max_elevation numeric,
                activity_calories numeric CHECK (activity_calories >= 0),
                activity_bmr_calories numeric CHECK (activity_bmr_calories >= 0),
                activity_steps integer CHECK (activity_steps >= 0),
                activity_avg_stride_length numeric CHECK (activity_avg_stride_length >= 0),
                activity_average_speed numeric CHECK (activity_average_speed >= 0),
                activity_average_hr numeric CHECK (activity_average_hr BETWEEN 20 AND 260),
                activity_max_hr numeric CHECK (activity_max_hr BETWEEN 20 AND 260),
                activity_watch_min_temperature numeric,
                activity_watch_max_temperature numeric,
                activity_weather_temperature_on_start numeric,
                activity_weather_relative_humidity_on_start numeric
                    CHECK (activity_weather_relative_humidity_on_start BETWEEN 0 AND 100),
                activity_weather_wind_direction_on_start text,
                activity_weather_wind_speed_on_start numeric
                    CHECK (activity_weather_wind_speed_on_start >= 0),
                activity_weather_wind_gust_on_start numeric
                    CHECK (activity_weather_wind_gust_on_start >= 0),
                activity_weather_type_desc text,
                activity_water_estimated numeric CHECK (activity_water_estimated >= 0),
                activity_aerobic_training_effect numeric
                    CHECK (activity_aerobic_training_effect BETWEEN 0 AND 5),
                activity_anaerobic_training_effect numeric
                    CHECK (activity_anaerobic_training_effect BETWEEN 0 AND 5),
                activity_activity_training_load numeric
                    CHECK (activity_activity_training_load >= 0),
                activity_training_effect_label text,
                activity_aerobic_training_effect_message text,
                activity_anaerobic_training_effect_message text,
                activity_moderate_intensity_minutes integer
                    CHECK (activity_moderate_intensity_minutes >= 0),
                activity_vigorous_intensity_minutes integer
                    CHECK (activity_vigorous_intensity_minutes >= 0),
                activity_difference_body_battery integer
                    CHECK (activity_difference_body_battery BETWEEN -100 AND 100),
                activity_secs_in_zone1 numeric CHECK (activity_secs_in_zone1 >= 0),
                activity_secs_in_zone2 numeric CHECK (activity_secs_in_zone2 >= 0),
                activity_secs_in_zone3 numeric CHECK (activity_secs_in_zone3 >= 0),
                activity_secs_in_zone4 numeric CHECK (activity_secs_in_zone4 >= 0),
                activity_secs_in_zone5 numeric CHECK (activity_secs_in_zone5 >= 0),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT activities_owner_key UNIQUE (customer_id, activity_id)
            );
            -- A user's activities in a date window (several a day, so not unique).
            CREATE INDEX activities_customer_date_idx
            ON %1$I.activities (customer_id, calendar_date);

            -- get_activity_details: the GPS track of one activity, as one JSON document. The
            -- composite foreign key makes the track belong to the activity's owner, and
            -- calendar_date is the activity's.
            CREATE TABLE %1$I.activity_gps (
                activity_id bigint PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                gps_data jsonb NOT NULL CHECK (jsonb_typeof(gps_data) IN ('object', 'array')),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT activity_gps_activity_fkey FOREIGN KEY (customer_id, activity_id)
                REFERENCES %1$I.activities (customer_id, activity_id) ON DELETE CASCADE
            );
            -- A user's tracks (the status counts; deleting a user).
            CREATE INDEX activity_gps_customer_date_idx
            ON %1$I.activity_gps (customer_id, calendar_date);

            -- get_training_readiness: the morning's readiness score and its factors.
            CREATE TABLE %1$I.training_readiness (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                training_readiness_level text,
                training_readiness_score integer CHECK (training_readiness_score BETWEEN 0 AND 100),
                sleep_score integer CHECK (sleep_score BETWEEN 0 AND 100),
                sleep_score_factor_feedback text,
                recovery_time_factor_feedback text,
                recovery_time integer CHECK (recovery_time >= 0),
                acute_load integer CHECK (acute_load >= 0),
                hrv_weekly_average integer CHECK (hrv_weekly_average >= 0),
                hrv_factor_feedback text,
                stress_history_factor_feedback text,
                sleep_history_factor_feedback text,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date)
            );

            -- get_endurance_score: Garmin's raw score (thousands, not 0-100) and its limits.
            CREATE TABLE %1$I.endurance_score (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                endurance_score integer CHECK (endurance_score >= 0),
                endurance_score_classification integer
                    CHECK (endurance_score_classification >= 0),
                endurance_score_classification_lower_limit_intermediate integer
                    CHECK (endurance_score_classification_lower_limit_intermediate >= 0),
                endurance_score_classification_lower_limit_trained integer
                    CHECK (endurance_score_classification_lower_limit_trained >= 0),
                endurance_score_classification_lower_limit_well_trained integer
                    CHECK (endurance_score_classification_lower_limit_well_trained >= 0),
                endurance_score_classification_lower_limit_expert integer
                    CHECK (endurance_score_classification_lower_limit_expert >= 0),
                endurance_score_classification_lower_limit_superior integer
                    CHECK (endurance_score_classification_lower_limit_superior >= 0),
                endurance_score_classification_lower_limit_elite integer
                    CHECK (endurance_score_classification_lower_limit_elite >= 0),
                endurance_score_contributors jsonb,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date)
            );

            -- get_training_status: acute/chronic load, VO2 max, and the monthly load balance
            -- (the training-load-balance dataset reads and writes the same rows).
            CREATE TABLE %1$I.training_status (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                daily_training_load_acute integer CHECK (daily_training_load_acute >= 0),
                daily_training_load_acute_feedback text,
                daily_training_load_chronic numeric CHECK (daily_training_load_chronic >= 0),
                min_training_load_chronic numeric CHECK (min_training_load_chronic >= 0),
                max_training_load_chronic numeric CHECK (max_training_load_chronic >= 0),
                vo2_max_precise_value numeric
                    CHECK (vo2_max_precise_value > 0 AND vo2_max_precise_value < 100),
                vo2_max_feedback text,
                monthly_load_anaerobic numeric CHECK (monthly_load_anaerobic >= 0),
                monthly_load_aerobic_high numeric CHECK (monthly_load_aerobic_high >= 0),
                monthly_load_aerobic_low numeric CHECK (monthly_load_aerobic_low >= 0),
                monthly_load_aerobic_low_target_min numeric
                    CHECK (monthly_load_aerobic_low_target_min >= 0),
                monthly_load_aerobic_low_target_max numeric
                    CHECK (monthly_load_aerobic_low_target_max >= 0),
                monthly_load_aerobic_high_target_min numeric
                    CHECK (monthly_load_aerobic_high_target_min >= 0),
                monthly_load_aerobic_high_target_max numeric
                    CHECK (monthly_load_aerobic_high_target_max >= 0),
                monthly_load_anaerobic_target_min numeric
                    CHECK (monthly_load_anaerobic_target_min >= 0),
                monthly_load_anaerobic_target_max numeric
                    CHECK (monthly_load_anaerobic_target_max >= 0),
                training_balance_feedback_phrase text,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date)
            );

            -- get_fitnessage_data.
            CREATE TABLE %1$I.fitness_age (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                chronological_age integer CHECK (chronological_age BETWEEN 0 AND 150),
                fitness_age numeric CHECK (fitness_age BETWEEN 0 AND 150),
                body_fat_value numeric CHECK (body_fat_value BETWEEN 0 AND 100),
                vigorous_days_avg_value numeric CHECK (vigorous_days_avg_value >= 0),
                rhr_value integer CHECK (rhr_value BETWEEN 20 AND 260),
                vigorous_minutes_avg_value numeric CHECK (vigorous_minutes_avg_value >= 0),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date)
            );

            -- The assistant's lifestyle log: when the day's last meal, drink and screen were.
            CREATE TABLE %1$I.daily_health_events (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                last_meal_time timestamptz,
                last_drink_time timestamptz,
                last_screen_time timestamptz,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date)
            );

            -- get_max_metrics: VO2 max per day, as Garmin dates each estimate.
            CREATE TABLE %1$I.max_metrics (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                calendar_date date NOT NULL
                    CHECK (calendar_date BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
                vo2_max_precise_value numeric
                    CHECK (vo2_max_precise_value > 0 AND vo2_max_precise_value < 100),
                vo2_max_value numeric CHECK (vo2_max_value > 0 AND vo2_max_value < 100),
                fitness_age numeric CHECK (fitness_age BETWEEN 0 AND 150),
                vo2_max_feedback text,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, calendar_date)
            );
        $ddl$, target);

        -- The same two triggers on every table.
        EXECUTE (
            SELECT string_agg(format($trg$
                CREATE TRIGGER %2$I BEFORE UPDATE ON %1$I.%3$I
                FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();
                CREATE TRIGGER %4$I BEFORE UPDATE ON %1$I.%3$I
                FOR EACH ROW EXECUTE FUNCTION aiapp.touch_updated_at();
            $trg$, target, tbl || '_skip_unchanged', tbl, tbl || '_touch_updated_at'), '')
            FROM unnest(ARRAY[
                'user_summary', 'body_composition', 'hrv_data', 'sleep_data', 'activities',
                'activity_gps', 'training_readiness', 'endurance_score', 'training_status',
                'fitness_age', 'daily_health_events', 'max_metrics'
            ]) AS tbl
        );
    END LOOP;
END
$migration$;
