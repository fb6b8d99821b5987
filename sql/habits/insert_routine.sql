-- name: insert_routine :scalar
-- Creates a routine owned by the acting user, or by family_id's family when given (then only
-- its owners and admins may), with its first version in effect from now. The habits must be
-- the owner's own (routine_versions_habits_of_owner checks at the end of the statement).
-- Params: customer_id, family_id, name, time_of_day, custom_time, habit_ids.
-- Returns the routine as of its first version (routine_json, migration 0023); no row when the
-- caller may not add routines to that family. Index: family_memberships_family_customer_key.
WITH routine AS (
    INSERT INTO routines (customer_id, family_id)
    SELECT
        CASE WHEN %(family_id)s::uuid IS NULL THEN %(customer_id)s::bigint END AS customer_id,
        %(family_id)s::uuid AS family_id
    WHERE
        %(family_id)s::uuid IS NULL
        OR family_role(%(family_id)s::uuid, %(customer_id)s) IN ('owner', 'admin')
    RETURNING routines AS routine_row
),

first_version AS (
    INSERT INTO routine_versions (
        routine_id, version, name, time_of_day, custom_time, habit_ids, effective_from
    )
    SELECT
        (routine.routine_row).routine_id AS routine_id,
        1 AS version,
        %(name)s,
        %(time_of_day)s,
        %(custom_time)s,
        %(habit_ids)s::uuid[] AS habit_ids,
        now() AS effective_from
    FROM routine
    RETURNING routine_versions AS version_row
)

SELECT routine_json(r.routine_row, v.version_row)::text
FROM routine AS r
INNER JOIN first_version AS v ON (r.routine_row).routine_id = (v.version_row).routine_id;
