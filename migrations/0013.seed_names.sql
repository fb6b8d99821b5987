-- depends: 0010.roles
-- What the seed documents name and this service had no place for (issue 18; the table of every
-- seed field and its name here is in README.md, "The seeds' names").
--   * seed 003's User.notification_enabled: whether the user wants notifications;
--   * seed 002's PlannedWorkout.workout_structure: the workout's steps (warm-up, intervals,
--     cool-down) as the plan prescribes them, in both Garmin schemas;
--   * seed 004's interaction logs: what a clinician or the assistant did with a patient's
--     digital twin. Append-only like clinical.access_log: a statement trigger refuses UPDATE,
--     DELETE and TRUNCATE whoever runs them, and post-apply.grants.sql withholds those
--     privileges from storage_app.

ALTER TABLE aiapp.users ADD COLUMN notification_enabled boolean NOT NULL DEFAULT TRUE;

DO $migration$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        EXECUTE format($ddl$
            ALTER TABLE %1$I.planned_workouts
            ADD COLUMN workout_structure jsonb
            CHECK (jsonb_typeof(workout_structure) IN ('object', 'array'));
        $ddl$, target);
    END LOOP;
END
$migration$;

-- One interaction with a digital twin. customer_id is the clinician whose patient it is (the
-- one the request acted for), token_customer_id whose token wrote it (an admin worker writing
-- for the assistant); actor says whether a person or the assistant did it. patient_id and
-- twin_id have no foreign keys on purpose, as in access_log: the log outlives a deleted twin or
-- patient (and deleting would otherwise have to change it). The insert checks that the twin
-- is the clinician's and that twin_version is one the twin has had.
CREATE TABLE clinical.interaction_log (
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE RESTRICT,
    interaction_id bigint GENERATED ALWAYS AS IDENTITY,
    token_customer_id bigint NOT NULL REFERENCES aiapp.users (
        customer_id
    ) ON DELETE RESTRICT,
    patient_id uuid NOT NULL,
    twin_id uuid NOT NULL,
    twin_version integer NOT NULL CHECK (twin_version >= 1),
    actor text NOT NULL CHECK (actor IN ('clinician', 'assistant')),
    interaction_type text NOT NULL CHECK (
        interaction_type IN (
            'query', 'prediction', 'simulation', 'recommendation', 'review', 'annotation'
        )
    ),
    payload jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(payload) = 'object'),
    outcome jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(outcome) = 'object'),
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    request_id text NOT NULL CHECK (request_id ~ '^[A-Za-z0-9._:-]{1,128}$'),
    PRIMARY KEY (customer_id, interaction_id),
    -- The same slack as biometrics for clocks ahead of UTC.
    CONSTRAINT interaction_log_occurred_in_the_past CHECK (
        occurred_at <= recorded_at + interval '1 day'
    )
);
-- A clinician's interactions with one patient's twins, newest first (list_interactions).
CREATE INDEX interaction_log_patient_idx
ON clinical.interaction_log (customer_id, patient_id, interaction_id);
-- The users foreign keys' RESTRICT checks (customer_id leads the primary key).
CREATE INDEX interaction_log_token_customer_idx
ON clinical.interaction_log (token_customer_id);

CREATE FUNCTION clinical.refuse_interaction_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'clinical.interaction_log is append-only: % is not allowed.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER interaction_log_append_only
BEFORE UPDATE OR DELETE OR TRUNCATE ON clinical.interaction_log
FOR EACH STATEMENT EXECUTE FUNCTION clinical.refuse_interaction_log_change();
