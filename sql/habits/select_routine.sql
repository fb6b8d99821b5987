-- name: select_routine :scalar
-- A live routine the acting user can see, as of one version: the open (current) one, or the
-- one in effect on a day: the last that started before the day ended and had not ended when
-- it began (days in the database session's time zone).
-- Params: routine_id, customer_id, on_date (NULL = current).
-- Returns the routine with that version's fields and habits (JSON); no row when the routine
-- is not visible or had no version that day.
-- Index: routines primary key; routine_versions_routine_from_key (latest start before a day),
-- routine_versions_one_open_key (current).
SELECT routine_json(r, v.version_row)::text
FROM routines AS r
INNER JOIN LATERAL (
    SELECT rv AS version_row
    FROM routine_versions AS rv
    WHERE
        rv.routine_id = r.routine_id
        AND (
            (%(on_date)s::date IS NULL AND rv.effective_to IS NULL)
            OR (
                rv.effective_from < %(on_date)s::date + 1
                AND (rv.effective_to IS NULL OR rv.effective_to > %(on_date)s::date)
            )
        )
    ORDER BY rv.effective_from DESC
    LIMIT 1
) AS v ON TRUE
WHERE
    r.routine_id = %(routine_id)s
    AND r.deleted_at IS NULL
    AND owner_role(r.customer_id, r.family_id, %(customer_id)s) IS NOT NULL;
