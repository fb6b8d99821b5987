-- name: insert_routine :scalar
-- Creates a routine owned by the acting user, or by family_id's family when given (then only
-- its owners and admins may), with its first version in effect from now. The habits must be
-- the owner's own (routine_versions_habits_of_owner checks at the end of the statement).
-- Params: customer_id, family_id, name, time_of_day, custom_time, habit_ids.
-- Returns the routine as of its first version, its habits as JSON; no row when the caller may
-- not add routines to that family. Index: family_memberships_family_customer_key.
WITH routine AS (
    INSERT INTO routines (customer_id, family_id)
    SELECT
        CASE WHEN %(family_id)s::uuid IS NULL THEN %(customer_id)s::bigint END AS customer_id,
        %(family_id)s::uuid AS family_id
    WHERE
        %(family_id)s::uuid IS NULL
        OR family_role(%(family_id)s::uuid, %(customer_id)s) IN ('owner', 'admin')
    RETURNING routine_id, customer_id, family_id, created_at, updated_at
),

first_version AS (
    INSERT INTO routine_versions (
        routine_id, version, name, time_of_day, custom_time, habit_ids, effective_from
    )
    SELECT
        routine_id,
        1 AS version,
        %(name)s,
        %(time_of_day)s,
        %(custom_time)s,
        %(habit_ids)s::uuid[] AS habit_ids,
        now() AS effective_from
    FROM routine
    RETURNING
        routine_id, version, name, time_of_day, custom_time, habit_ids, effective_from,
        effective_to
)

SELECT
    json_build_object(
        'routine_id', r.routine_id,
        'customer_id', r.customer_id,
        'family_id', r.family_id,
        'version', v.version,
        'name', v.name,
        'time_of_day', v.time_of_day,
        'custom_time', v.custom_time,
        'habits', routine_habits(v.habit_ids),
        'effective_from', v.effective_from,
        'effective_to', v.effective_to,
        'created_at', r.created_at,
        'updated_at', r.updated_at
    )::text
FROM routine AS r
INNER JOIN first_version AS v ON r.routine_id = v.routine_id;
