-- depends: 0010.roles
-- .FIT activity import (issue 16), in aiapp_nonprod and aiapp inside one loop as 0004.garmin
-- does (%1$I is the schema).
--
-- fit_files: one row per imported file, the file's identity for idempotent re-uploads. The
--   identity is the device serial number + the file's time_created (what Garmin devices write in
--   every file_id message), or "sha256:<digest>" for a file that lacks either. An activity made
--   from a file gets its id from fit_activity_id_seq, which starts at 10^15: Garmin Connect's
--   activity ids are around 2 x 10^10, so the two never meet in activities' primary key.
-- activity_laps: the laps of an activity, keyed by the owner, the activity and the lap's index.
-- activities gains the heart-rate load: hr_training_load is Banister's TRIMP from the stored
--   samples and the profile's resting/max heart rate (sql/garmin/update_activity_hr_loads.sql
--   has the formula), training_load_method says which load counts for the activity: 'device'
--   (Garmin's activity_activity_training_load) or 'banister_trimp'; NULL when it has neither.
--   Both are nullable without defaults: upsert_activities fills rows with
--   jsonb_populate_record, which gives every column it is not sent NULL.

DO $migration$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        EXECUTE format($ddl$
            ALTER TABLE %1$I.activities
                ADD COLUMN hr_training_load numeric CHECK (hr_training_load >= 0),
                ADD COLUMN training_load_method text
                    CHECK (training_load_method IN ('device', 'banister_trimp'));

            CREATE TABLE %1$I.fit_files (
                customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
                activity_id bigint NOT NULL,
                file_identity text NOT NULL CHECK (length(file_identity) BETWEEN 1 AND 200),
                content_sha256 bytea NOT NULL CHECK (octet_length(content_sha256) = 32),
                file_name text CHECK (length(file_name) <= 500),
                size_bytes integer NOT NULL CHECK (size_bytes > 0),
                serial_number bigint CHECK (serial_number >= 0),
                time_created timestamptz,
                manufacturer text,
                product text,
                software_version numeric,
                record_count integer NOT NULL CHECK (record_count >= 0),
                hr_record_count integer NOT NULL CHECK (hr_record_count >= 0),
                gps_point_count integer NOT NULL CHECK (gps_point_count >= 0),
                imported_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (customer_id, activity_id),
                -- The idempotence check of every import (insert_fit_activity).
                CONSTRAINT fit_files_identity_key UNIQUE (customer_id, file_identity),
                CONSTRAINT fit_files_activity_fkey FOREIGN KEY (customer_id, activity_id)
                REFERENCES %1$I.activities (customer_id, activity_id) ON DELETE CASCADE
            );
            -- Owned by the table so that post-apply.grants.sql hands it to storage_owner with it.
            CREATE SEQUENCE %1$I.fit_activity_id_seq AS bigint START WITH 1000000000000000
            OWNED BY %1$I.fit_files.activity_id;

            CREATE TABLE %1$I.activity_laps (
                customer_id bigint NOT NULL,
                activity_id bigint NOT NULL,
                lap_index integer NOT NULL CHECK (lap_index >= 0),
                start_time timestamptz NOT NULL,
                end_time timestamptz,
                elapsed_seconds numeric CHECK (elapsed_seconds >= 0),
                timer_seconds numeric CHECK (timer_seconds >= 0),
                distance_meters numeric CHECK (distance_meters >= 0),
                calories numeric CHECK (calories >= 0),
                average_hr numeric CHECK (average_hr BETWEEN 20 AND 260),
                max_hr numeric CHECK (max_hr BETWEEN 20 AND 260),
                average_speed numeric CHECK (average_speed >= 0),
                max_speed numeric CHECK (max_speed >= 0),
                average_cadence numeric CHECK (average_cadence >= 0),
                max_cadence numeric CHECK (max_cadence >= 0),
                average_power numeric CHECK (average_power >= 0),
                max_power numeric CHECK (max_power >= 0),
                total_ascent numeric CHECK (total_ascent >= 0),
                total_descent numeric CHECK (total_descent >= 0),
                start_latitude numeric CHECK (start_latitude BETWEEN -90 AND 90),
                start_longitude numeric CHECK (start_longitude BETWEEN -180 AND 180),
                end_latitude numeric CHECK (end_latitude BETWEEN -90 AND 90),
                end_longitude numeric CHECK (end_longitude BETWEEN -180 AND 180),
                intensity text,
                lap_trigger text,
                -- The activity's laps in order (select_fit_import) is a scan of this key.
                PRIMARY KEY (customer_id, activity_id, lap_index),
                CONSTRAINT activity_laps_activity_fkey FOREIGN KEY (customer_id, activity_id)
                REFERENCES %1$I.activities (customer_id, activity_id) ON DELETE CASCADE,
                CHECK (end_time >= start_time)
            );
        $ddl$, target);
    END LOOP;
END
$migration$;
