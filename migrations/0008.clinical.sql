-- depends: 0002.users
-- Clinical: a clinician's patients (the clinician is a user, customer_id), their digital twins,
-- biometric readings and alerts, and the append-only access log of every API request that
-- touches them. Patients, twins and alerts are client-visible handles with UUID ids (not
-- guessable from one another); the two high-volume append tables use bigint identities.
-- The rules a clinician's data must keep are enforced here, not only by the API: value shapes
-- per biometric type, alert status transitions, resolution notes, the log's append-only rule.

CREATE SCHEMA clinical;

CREATE TABLE clinical.patients (
    patient_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    medical_record_number text NOT NULL CHECK (
        char_length(medical_record_number) BETWEEN 1 AND 64
        AND medical_record_number = btrim(medical_record_number)
    ),
    first_name text NOT NULL CHECK (char_length(first_name) BETWEEN 1 AND 100),
    last_name text NOT NULL CHECK (char_length(last_name) BETWEEN 1 AND 100),
    date_of_birth date NOT NULL CHECK (date_of_birth >= date '1900-01-01'),
    sex text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    email text CHECK (char_length(email) <= 320 AND email LIKE '%_@_%'),
    phone text CHECK (phone ~ '^\+?[0-9][0-9 ().-]{2,31}$'),
    address text CHECK (char_length(address) BETWEEN 1 AND 500),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- The medical record number identifies a patient within one clinician's practice.
    CONSTRAINT patients_mrn_key UNIQUE (customer_id, medical_record_number),
    -- Nobody is born after their record was made; a day of slack for clinicians east of UTC.
    -- (A CHECK may not call now(); created_at is the row's own, immutable reference.)
    CONSTRAINT patients_born_in_the_past CHECK (
        date_of_birth <= (created_at AT TIME ZONE 'UTC')::date + 1
    )
);
-- Serves a clinician's patient list in name order (list_patients).
CREATE INDEX patients_customer_name_idx ON clinical.patients (
    customer_id, last_name, first_name, patient_id
);

CREATE TRIGGER patients_touch_updated_at BEFORE UPDATE ON clinical.patients
FOR EACH ROW EXECUTE FUNCTION aiapp.touch_updated_at();

CREATE TABLE clinical.digital_twins (
    twin_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    patient_id uuid NOT NULL REFERENCES clinical.patients (patient_id) ON DELETE CASCADE,
    type text NOT NULL CHECK (
        type IN (
            'psychiatric', 'physiological', 'behavioral', 'integrated', 'treatment_response',
            'cognitive'
        )
    ),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description text CHECK (char_length(description) <= 5000),
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- Serves a patient's twins (list_twins) and the patient_id foreign key's cascade.
CREATE INDEX digital_twins_patient_idx ON clinical.digital_twins (patient_id, created_at);

-- Every update of a twin is a new version: kept by the database, so no writer can forget it
-- or set it back.
CREATE FUNCTION clinical.bump_twin_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER digital_twins_bump_version BEFORE UPDATE ON clinical.digital_twins
FOR EACH ROW EXECUTE FUNCTION clinical.bump_twin_version();

-- Whether a JSON value is a number within [low, high] (and whole when asked). A missing key
-- (NULL) or any other JSON type is false; the CASE keeps non-numbers away from the cast.
CREATE FUNCTION clinical.json_number_in(
    value jsonb, low numeric, high numeric, whole boolean
) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN jsonb_typeof(value) = 'number'
            THEN value::numeric BETWEEN low AND high
            AND (NOT whole OR value::numeric = trunc(value::numeric))
        ELSE FALSE
    END
$$;

-- The shape of a biometric value, per type: an object with exactly these keys (? = optional).
--   heart_rate         {"bpm": 20..260}
--   blood_pressure     {"systolic": whole 50..300, "diastolic": whole 20..200},
--                      systolic above diastolic
--   blood_glucose      {"mg_dl": 10..1000}
--   weight             {"kg": 0.3..700}
--   temperature        {"celsius": 25..45}
--   sleep              {"minutes": whole 0..1440, "quality"?: whole 1..10}
--   activity           {"steps": whole 0..200000, "active_minutes"?: whole 0..1440}
--   stress             {"level": whole 0..100}
--   mood               {"score": whole 1..10}
--   oxygen_saturation  {"percent": 50..100}
-- app/clinical/biometrics.py validates the same shapes before a request gets here.
CREATE FUNCTION clinical.biometric_value_is_valid(kind text, value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN jsonb_typeof(value) IS DISTINCT FROM 'object' THEN FALSE
        WHEN kind = 'heart_rate' THEN
            value - '{bpm}'::text [] = '{}'
            AND clinical.json_number_in(value -> 'bpm', 20, 260, FALSE)
        WHEN kind = 'blood_pressure' THEN
            value - '{systolic,diastolic}'::text [] = '{}'
            AND clinical.json_number_in(value -> 'systolic', 50, 300, TRUE)
            AND clinical.json_number_in(value -> 'diastolic', 20, 200, TRUE)
            -- jsonb compares numbers by value and never raises on other types
            AND value -> 'systolic' > value -> 'diastolic'
        WHEN kind = 'blood_glucose' THEN
            value - '{mg_dl}'::text [] = '{}'
            AND clinical.json_number_in(value -> 'mg_dl', 10, 1000, FALSE)
        WHEN kind = 'weight' THEN
            value - '{kg}'::text [] = '{}'
            AND clinical.json_number_in(value -> 'kg', 0.3, 700, FALSE)
        WHEN kind = 'temperature' THEN
            value - '{celsius}'::text [] = '{}'
            AND clinical.json_number_in(value -> 'celsius', 25, 45, FALSE)
        WHEN kind = 'sleep' THEN
            value - '{minutes,quality}'::text [] = '{}'
            AND clinical.json_number_in(value -> 'minutes', 0, 1440, TRUE)
            AND (NOT value ? 'quality' OR clinical.json_number_in(value -> 'quality', 1, 10, TRUE))
        WHEN kind = 'activity' THEN
            value - '{steps,active_minutes}'::text [] = '{}'
            AND clinical.json_number_in(value -> 'steps', 0, 200000, TRUE)
            AND (
                NOT value ? 'active_minutes'
                OR clinical.json_number_in(value -> 'active_minutes', 0, 1440, TRUE)
            )
        WHEN kind = 'stress' THEN
            value - '{level}'::text [] = '{}'
            AND clinical.json_number_in(value -> 'level', 0, 100, TRUE)
        WHEN kind = 'mood' THEN
            value - '{score}'::text [] = '{}'
            AND clinical.json_number_in(value -> 'score', 1, 10, TRUE)
        WHEN kind = 'oxygen_saturation' THEN
            value - '{percent}'::text [] = '{}'
            AND clinical.json_number_in(value -> 'percent', 50, 100, FALSE)
        ELSE FALSE
    END
$$;

CREATE TABLE clinical.biometrics (
    biometric_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id uuid NOT NULL REFERENCES clinical.patients (patient_id) ON DELETE CASCADE,
    type text NOT NULL CHECK (
        type IN (
            'heart_rate', 'blood_pressure', 'blood_glucose', 'weight', 'temperature', 'sleep',
            'activity', 'stress', 'mood', 'oxygen_saturation'
        )
    ),
    recorded_at timestamptz NOT NULL,
    value jsonb NOT NULL,
    device_id text CHECK (char_length(device_id) BETWEEN 1 AND 200),
    metadata jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT biometrics_value_fits_type CHECK (clinical.biometric_value_is_valid(type, value)),
    -- A reading cannot come from the future; a day of slack for devices with drifting clocks.
    CONSTRAINT biometrics_recorded_in_the_past CHECK (
        recorded_at <= created_at + interval '1 day'
    )
);
-- Serves GET /patients/<id>/biometrics?type&from&to (list_biometrics): one patient, one or
-- more types, a time window; and the patient_id foreign key's cascade.
CREATE INDEX biometrics_patient_type_recorded_idx ON clinical.biometrics (
    patient_id, type, recorded_at
);

-- An alert's status: the alerts table and the transitions between statuses share it.
CREATE DOMAIN clinical.alert_status AS text CHECK (
    value IN ('open', 'acknowledged', 'in_progress', 'resolved', 'dismissed')
);

-- Which status changes an alert may make. Any other change, and "resolved" at all (it is
-- final), is refused by the alerts_status_transition trigger. Reviewable as data.
CREATE TABLE clinical.alert_transitions (
    from_status clinical.alert_status NOT NULL,
    to_status clinical.alert_status NOT NULL,
    PRIMARY KEY (from_status, to_status),
    CHECK (from_status <> to_status)
);
INSERT INTO clinical.alert_transitions (from_status, to_status) VALUES
('open', 'acknowledged'),
('open', 'in_progress'),
('open', 'resolved'),
('open', 'dismissed'),
('acknowledged', 'in_progress'),
('acknowledged', 'resolved'),
('acknowledged', 'dismissed'),
('in_progress', 'resolved'),
('in_progress', 'dismissed'),
('dismissed', 'open');

CREATE TABLE clinical.alerts (
    alert_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    patient_id uuid NOT NULL REFERENCES clinical.patients (patient_id) ON DELETE CASCADE,
    type text NOT NULL CHECK (
        type IN ('biometric', 'medication', 'symptom', 'risk', 'appointment', 'other')
    ),
    priority text NOT NULL DEFAULT 'medium' CHECK (
        priority IN ('low', 'medium', 'high', 'urgent')
    ),
    status clinical.alert_status NOT NULL DEFAULT 'open',
    message text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 2000),
    data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
    resolved_at timestamptz,
    resolution_notes text CHECK (char_length(resolution_notes) <= 5000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT alerts_resolution_notes_required CHECK (
        status <> 'resolved' OR btrim(coalesce(resolution_notes, '')) <> ''
    ),
    -- Notes explain how an alert was closed; an open alert carries none.
    CONSTRAINT alerts_notes_only_when_closed CHECK (
        resolution_notes IS NULL OR status IN ('resolved', 'dismissed')
    ),
    CONSTRAINT alerts_resolved_at_iff_resolved CHECK (
        (status = 'resolved') = (resolved_at IS NOT NULL)
    )
);
-- Serves a patient's alerts, optionally of some statuses, newest first (list_alerts), and the
-- patient_id foreign key's cascade.
CREATE INDEX alerts_patient_status_idx ON clinical.alerts (patient_id, status, created_at);

CREATE TRIGGER alerts_touch_updated_at BEFORE UPDATE ON clinical.alerts
FOR EACH ROW EXECUTE FUNCTION aiapp.touch_updated_at();

-- A refused transition raises SQLSTATE 55000 (object_not_in_prerequisite_state): the API
-- answers 409. It runs before the CHECKs, so resolved -> open is a conflict, not a bad value.
CREATE FUNCTION clinical.check_alert_transition() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (
        SELECT FROM clinical.alert_transitions AS t
        WHERE t.from_status = OLD.status AND t.to_status = NEW.status
    ) THEN
        RAISE EXCEPTION 'An alert cannot go from % to %.', OLD.status, NEW.status
            USING ERRCODE = 'object_not_in_prerequisite_state',
                CONSTRAINT = 'alert_transitions',
                HINT = 'See clinical.alert_transitions for the allowed changes.';
    END IF;
    RETURN NEW;
END;
$$;

-- UPDATE OF status: fires whenever an UPDATE sets status, even to the same value (which is
-- not a transition either).
CREATE TRIGGER alerts_status_transition BEFORE UPDATE OF status ON clinical.alerts
FOR EACH ROW EXECUTE FUNCTION clinical.check_alert_transition();

-- The interaction log: one row per API request that reached a clinical view, failed ones too.
-- customer_id is the clinician the request acted for, token_customer_id whose token it was
-- (an admin acting for a clinician). patient_id has no foreign key on purpose: the log outlives
-- a deleted patient and records attempts on ids that never existed. The users it names cannot
-- be deleted while it names them (RESTRICT): an audit trail is kept, so disable such users.
CREATE TABLE clinical.access_log (
    access_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE RESTRICT,
    token_customer_id bigint NOT NULL REFERENCES aiapp.users (
        customer_id
    ) ON DELETE RESTRICT,
    patient_id uuid,
    action text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
    status_code smallint NOT NULL CHECK (status_code BETWEEN 100 AND 599),
    request_id text NOT NULL CHECK (request_id ~ '^[A-Za-z0-9._:-]{1,128}$'),
    accessed_at timestamptz NOT NULL DEFAULT now()
);
-- Serves GET /patients/<id>/access-log (list_access_log), newest first.
CREATE INDEX access_log_patient_idx ON clinical.access_log (patient_id, access_id);
-- Serve "what did this user do" audits and the users foreign keys' RESTRICT checks.
CREATE INDEX access_log_customer_idx ON clinical.access_log (customer_id, access_id);
CREATE INDEX access_log_token_customer_idx ON clinical.access_log (token_customer_id, access_id);

-- Append-only, in the database: any UPDATE, DELETE or TRUNCATE is refused, whoever runs it.
-- (Statement level, so it refuses even a statement that matches no row.) Role grants that
-- withhold UPDATE/DELETE from the application are the other half of this defence.
CREATE FUNCTION clinical.refuse_access_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'clinical.access_log is append-only: % is not allowed.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER access_log_append_only
BEFORE UPDATE OR DELETE OR TRUNCATE ON clinical.access_log
FOR EACH STATEMENT EXECUTE FUNCTION clinical.refuse_access_log_change();
