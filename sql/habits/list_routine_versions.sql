-- name: list_routine_versions :scalar
-- Every version of a live routine the acting user can see, oldest first, each with the days
-- it was in effect (effective_to NULL = current) and its habits, as a JSON array.
-- Params: routine_id, customer_id.
-- Returns JSON text, or NULL when the routine is not visible.
-- Index: routines primary key; routine_versions_routine_version_key.
SELECT
    (
        SELECT
            json_agg(
                json_build_object(
                    'version', v.version,
                    'name', v.name,
                    'time_of_day', v.time_of_day,
                    'custom_time', v.custom_time,
                    'habits', routine_habits(v.habit_ids),
                    'effective_from', v.effective_from,
                    'effective_to', v.effective_to
                )
                ORDER BY v.version
            )
        FROM routine_versions AS v
        WHERE v.routine_id = r.routine_id
    )::text
FROM routines AS r
WHERE
    r.routine_id = %(routine_id)s
    AND r.deleted_at IS NULL
    AND owner_role(r.customer_id, r.family_id, %(customer_id)s) IS NOT NULL;
