-- depends: 0002.users
-- The household habit tracker: families and their members, habits owned by a user or by a
-- family, routines whose every edit is a new version, and one log per habit, member and day.
--
-- Every table has a UUID key, created_at/updated_at kept by a trigger, and soft delete
-- (deleted_at; restorable for 30 days, then purged by `flask habits purge`). Reads filter
-- deleted rows out, and the indexes they use are partial (WHERE deleted_at IS NULL).
-- routine_versions are the one exception to soft delete: they are the history of a routine and
-- are hidden, restored and purged with it.

CREATE SCHEMA habits;

-- created_at and updated_at belong to the database: whatever a statement writes into them,
-- an insert gets now() for both and an update keeps created_at and sets updated_at.
CREATE FUNCTION habits.stamp_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.created_at := now();
    ELSE
        NEW.created_at := OLD.created_at;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TABLE habits.families (
    family_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz
);
-- Serves the purge.
CREATE INDEX families_deleted_at_idx ON habits.families (deleted_at)
WHERE deleted_at IS NOT NULL;

-- A membership with accepted_at NULL is an invitation: one row per family and user covers
-- both, so nobody can be invited twice or invited while already a member, and accepting is
-- one update. Leaving (or being removed) soft-deletes the row; inviting again revives it.
CREATE TABLE habits.family_memberships (
    membership_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    family_id uuid NOT NULL REFERENCES habits.families (family_id) ON DELETE CASCADE,
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'child')),
    invited_by bigint REFERENCES aiapp.users (customer_id) ON DELETE SET NULL,
    accepted_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    CONSTRAINT family_memberships_family_customer_key UNIQUE (family_id, customer_id)
);
-- The family_customer key serves role look-ups (habits.family_role). These serve "my
-- families" and "the members of a family", and the purge.
CREATE INDEX family_memberships_customer_live_idx ON habits.family_memberships (customer_id)
WHERE deleted_at IS NULL;
CREATE INDEX family_memberships_family_live_idx ON habits.family_memberships (family_id, role)
WHERE deleted_at IS NULL;
CREATE INDEX family_memberships_deleted_at_idx ON habits.family_memberships (deleted_at)
WHERE deleted_at IS NOT NULL;

CREATE TABLE habits.habits (
    habit_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Exactly one owner: a user's own habit, or a family's habit that each member does.
    customer_id bigint REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    family_id uuid REFERENCES habits.families (family_id) ON DELETE CASCADE,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description text CHECK (char_length(description) <= 2000),
    habit_type text NOT NULL CHECK (habit_type IN ('boolean', 'numeric', 'duration')),
    target_value numeric(12, 3) CHECK (target_value > 0),
    target_unit text CHECK (char_length(target_unit) BETWEEN 1 AND 20),
    frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    -- ISO days of the week (1 = Monday ... 7 = Sunday) of a weekly habit.
    days_of_week smallint[],
    active boolean NOT NULL DEFAULT TRUE,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    CONSTRAINT habits_one_owner CHECK (num_nonnulls(customer_id, family_id) = 1),
    CONSTRAINT habits_target_matches_type CHECK (
        CASE
            WHEN habit_type = 'boolean' THEN target_value IS NULL AND target_unit IS NULL
            ELSE target_value IS NOT NULL AND target_unit IS NOT NULL
        END
    ),
    CONSTRAINT habits_duration_unit CHECK (
        habit_type <> 'duration' OR target_unit IN ('seconds', 'minutes', 'hours')
    ),
    CONSTRAINT habits_days_match_frequency CHECK (
        CASE
            WHEN frequency = 'daily' THEN days_of_week IS NULL
            ELSE
                days_of_week IS NOT NULL
                AND cardinality(days_of_week) BETWEEN 1 AND 7
                AND days_of_week <@ '{1,2,3,4,5,6,7}'::smallint[]
        END
    )
);
-- A user's habits and a family's habits (list, today); the purge.
CREATE INDEX habits_customer_live_idx ON habits.habits (customer_id)
WHERE deleted_at IS NULL;
CREATE INDEX habits_family_live_idx ON habits.habits (family_id)
WHERE deleted_at IS NULL;
CREATE INDEX habits_deleted_at_idx ON habits.habits (deleted_at)
WHERE deleted_at IS NOT NULL;

-- A routine is an identity and an owner; what it contains lives in its versions.
CREATE TABLE habits.routines (
    routine_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id bigint REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    family_id uuid REFERENCES habits.families (family_id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    CONSTRAINT routines_one_owner CHECK (num_nonnulls(customer_id, family_id) = 1)
);
CREATE INDEX routines_customer_live_idx ON habits.routines (customer_id)
WHERE deleted_at IS NULL;
CREATE INDEX routines_family_live_idx ON habits.routines (family_id)
WHERE deleted_at IS NULL;
CREATE INDEX routines_deleted_at_idx ON habits.routines (deleted_at)
WHERE deleted_at IS NOT NULL;

-- Each edit of a routine closes the open version (effective_to = now()) and opens the next
-- from the same instant, in one statement, so the versions tile time without gaps and what the
-- routine was on any date can be read back.
CREATE TABLE habits.routine_versions (
    version_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    routine_id uuid NOT NULL REFERENCES habits.routines (routine_id) ON DELETE CASCADE,
    version integer NOT NULL CHECK (version > 0),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    time_of_day text NOT NULL CHECK (time_of_day IN ('morning', 'evening', 'custom')),
    custom_time time,
    -- The routine's habits in order (checked by routine_versions_habits_of_owner below).
    habit_ids uuid[] NOT NULL CHECK (cardinality(habit_ids) BETWEEN 1 AND 50),
    effective_from timestamptz NOT NULL,
    effective_to timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT routine_versions_custom_time CHECK (
        (time_of_day = 'custom') = (custom_time IS NOT NULL)
    ),
    CONSTRAINT routine_versions_effective_range CHECK (effective_to > effective_from),
    CONSTRAINT routine_versions_routine_version_key UNIQUE (routine_id, version),
    -- Also serves "the version in effect on a date" (latest effective_from before its end).
    CONSTRAINT routine_versions_routine_from_key UNIQUE (routine_id, effective_from)
);
-- Never two open versions of a routine; also serves "the current version".
CREATE UNIQUE INDEX routine_versions_one_open_key ON habits.routine_versions (routine_id)
WHERE effective_to IS NULL;

-- One log per habit, member and day. target_value is the habit's target when the log was
-- written, so a later change of target does not rewrite history; completed follows from it.
CREATE TABLE habits.habit_logs (
    log_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    habit_id uuid NOT NULL REFERENCES habits.habits (habit_id) ON DELETE CASCADE,
    -- The member whose day this is; logged_by is who wrote it (a parent for a child).
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    logged_by bigint REFERENCES aiapp.users (customer_id) ON DELETE SET NULL,
    log_date date NOT NULL,
    value numeric(12, 3) NOT NULL CHECK (value >= 0),
    target_value numeric(12, 3) CHECK (target_value > 0),
    -- A boolean habit (no target) is done at 1.
    completed boolean GENERATED ALWAYS AS (value >= coalesce(target_value, 1)) STORED,
    note text CHECK (char_length(note) <= 1000),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    CONSTRAINT habit_logs_habit_customer_date_key UNIQUE (habit_id, customer_id, log_date),
    CONSTRAINT habit_logs_boolean_value CHECK (target_value IS NOT NULL OR value IN (0, 1))
);
-- A habit's logs by day (list, today) and a member's completed days (streaks); the purge.
CREATE INDEX habit_logs_habit_date_live_idx ON habits.habit_logs (habit_id, log_date)
WHERE deleted_at IS NULL;
CREATE INDEX habit_logs_completed_live_idx ON habits.habit_logs (habit_id, customer_id, log_date)
WHERE deleted_at IS NULL AND completed;
CREATE INDEX habit_logs_deleted_at_idx ON habits.habit_logs (deleted_at)
WHERE deleted_at IS NOT NULL;

CREATE TRIGGER families_stamp BEFORE INSERT OR UPDATE ON habits.families
FOR EACH ROW EXECUTE FUNCTION habits.stamp_row();
CREATE TRIGGER family_memberships_stamp BEFORE INSERT OR UPDATE ON habits.family_memberships
FOR EACH ROW EXECUTE FUNCTION habits.stamp_row();
CREATE TRIGGER habits_stamp BEFORE INSERT OR UPDATE ON habits.habits
FOR EACH ROW EXECUTE FUNCTION habits.stamp_row();
CREATE TRIGGER routines_stamp BEFORE INSERT OR UPDATE ON habits.routines
FOR EACH ROW EXECUTE FUNCTION habits.stamp_row();
CREATE TRIGGER routine_versions_stamp BEFORE INSERT OR UPDATE ON habits.routine_versions
FOR EACH ROW EXECUTE FUNCTION habits.stamp_row();
CREATE TRIGGER habit_logs_stamp BEFORE INSERT OR UPDATE ON habits.habit_logs
FOR EACH ROW EXECUTE FUNCTION habits.stamp_row();

-- A live family always has an accepted owner. Checked at the end of each statement that
-- creates or restores a family, or changes or removes an owner's membership; the family row is
-- locked first so that two owners leaving at once are checked one after the other. Raises
-- restrict_violation naming family_needs_owner, which the API answers with 409.
CREATE FUNCTION habits.check_family_has_owner() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    checked uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        checked := OLD.family_id;
    ELSE
        checked := NEW.family_id;
    END IF;
    PERFORM FROM habits.families
    WHERE family_id = checked AND deleted_at IS NULL
    FOR NO KEY UPDATE;
    IF FOUND AND NOT EXISTS (
        SELECT FROM habits.family_memberships
        WHERE
            family_id = checked
            AND role = 'owner'
            AND accepted_at IS NOT NULL
            AND deleted_at IS NULL
    ) THEN
        RAISE EXCEPTION 'family % would be left without an owner', checked
        USING
            ERRCODE = 'restrict_violation',
            CONSTRAINT = 'family_needs_owner',
            HINT = 'Make another member an owner first, or delete the family.';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER families_keep_an_owner
AFTER INSERT OR UPDATE ON habits.families
FOR EACH ROW WHEN (new.deleted_at IS NULL)
EXECUTE FUNCTION habits.check_family_has_owner();

CREATE CONSTRAINT TRIGGER family_memberships_keep_an_owner
AFTER UPDATE OR DELETE ON habits.family_memberships
FOR EACH ROW WHEN (
    old.role = 'owner' AND old.accepted_at IS NOT NULL AND old.deleted_at IS NULL
)
EXECUTE FUNCTION habits.check_family_has_owner();

-- A foreign key for the habit_ids array: each habit listed once, live, and owned by the
-- routine's owner (the same user, or the same family). Raises check_violation naming
-- routine_versions_habits_of_owner (a 400 in the API).
CREATE FUNCTION habits.check_routine_habits() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT
        FROM unnest(NEW.habit_ids) AS listed (habit_id)
        INNER JOIN habits.routines AS r ON r.routine_id = NEW.routine_id
        LEFT JOIN habits.habits AS h
            ON
                h.habit_id = listed.habit_id
                AND h.deleted_at IS NULL
                AND h.customer_id IS NOT DISTINCT FROM r.customer_id
                AND h.family_id IS NOT DISTINCT FROM r.family_id
        WHERE h.habit_id IS NULL
    ) OR cardinality(NEW.habit_ids) <> (
        SELECT count(DISTINCT habit_id) FROM unnest(NEW.habit_ids) AS listed (habit_id)
    ) THEN
        RAISE EXCEPTION 'routine % lists a habit that is not its owner''s, or lists one twice',
            NEW.routine_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'routine_versions_habits_of_owner';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER routine_versions_habits_of_owner
AFTER INSERT OR UPDATE OF habit_ids ON habits.routine_versions
FOR EACH ROW EXECUTE FUNCTION habits.check_routine_habits();

-- The caller's role in a live family (owner, admin, member, child), or NULL: not a member,
-- an invitation not yet accepted, a member who left, or a deleted family.
-- Index: family_memberships_family_customer_key, families primary key.
CREATE FUNCTION habits.family_role(family_id uuid, customer_id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT m.role
    FROM habits.family_memberships AS m
    INNER JOIN habits.families AS f ON f.family_id = m.family_id
    WHERE
        m.family_id = $1
        AND m.customer_id = $2
        AND m.accepted_at IS NOT NULL
        AND m.deleted_at IS NULL
        AND f.deleted_at IS NULL
$$;

-- The caller's role over a habit or routine from its owner columns: 'owner' of their own,
-- their role in the owning family, or NULL when they may not see it.
CREATE FUNCTION habits.owner_role(
    owner_customer_id bigint, owner_family_id uuid, customer_id bigint
) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN $1 = $3 THEN 'owner' ELSE habits.family_role($2, $3) END
$$;

-- A routine version's habits as JSON, in the routine's order, leaving out deleted habits.
CREATE FUNCTION habits.routine_habits(habit_ids uuid[]) RETURNS json
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        json_agg(
            json_build_object(
                'habit_id', h.habit_id,
                'name', h.name,
                'habit_type', h.habit_type,
                'target_value', h.target_value,
                'target_unit', h.target_unit
            )
            ORDER BY listed.position
        ),
        '[]'::json
    )
    FROM unnest($1) WITH ORDINALITY AS listed (habit_id, position)
    INNER JOIN habits.habits AS h ON h.habit_id = listed.habit_id AND h.deleted_at IS NULL
$$;
