-- name: insert_routine_version :scalar
-- Edits a live routine: closes its open version now and opens the next one from the same
-- instant, in one statement (routine_versions_one_open_key keeps one open version). Fields
-- the patch does not name are carried over from the closed version; its habits only while
-- still live. custom_time applies to a custom time of day and is cleared otherwise. Only the
-- owner, or the owning family's owners and admins, may. Run after lock_routine_role in the
-- same transaction.
-- Params: routine_id, customer_id, patch (jsonb: name, time_of_day, custom_time, habit_ids).
-- Returns the routine as of the new version, or no row when missing or not allowed.
-- Index: routines primary key; routine_versions_one_open_key.
WITH target AS (
    SELECT routine_id
    FROM routines
    WHERE
        routine_id = %(routine_id)s
        AND deleted_at IS NULL
        AND owner_role(customer_id, family_id, %(customer_id)s) IN ('owner', 'admin')
),

closed AS (
    UPDATE routine_versions AS v
    SET effective_to = now()
    FROM target
    WHERE v.routine_id = target.routine_id AND v.effective_to IS NULL
    RETURNING v.routine_id, v.version, v.name, v.time_of_day, v.custom_time, v.habit_ids
),

next_version AS (
    SELECT
        closed.routine_id,
        closed.version + 1 AS version,
        CASE WHEN %(patch)s::jsonb ? 'name' THEN p.name ELSE closed.name END AS name,
        CASE
            WHEN %(patch)s::jsonb ? 'time_of_day' THEN p.time_of_day ELSE closed.time_of_day
        END AS time_of_day,
        CASE
            WHEN %(patch)s::jsonb ? 'custom_time' THEN p.custom_time ELSE closed.custom_time
        END AS custom_time,
        CASE
            WHEN %(patch)s::jsonb ? 'habit_ids' THEN p.habit_ids
            ELSE array(
                SELECT listed.habit_id
                FROM unnest(closed.habit_ids) WITH ORDINALITY AS listed (habit_id, position)
                INNER JOIN habits AS h ON listed.habit_id = h.habit_id
                WHERE h.deleted_at IS NULL
                ORDER BY listed.position
            )
        END AS habit_ids
    FROM closed
    CROSS JOIN jsonb_populate_record(NULL::routine_versions, %(patch)s::jsonb) AS p
),

opened AS (
    INSERT INTO routine_versions (
        routine_id, version, name, time_of_day, custom_time, habit_ids, effective_from
    )
    SELECT
        n.routine_id,
        n.version,
        n.name,
        n.time_of_day,
        CASE WHEN n.time_of_day = 'custom' THEN n.custom_time END AS custom_time,
        n.habit_ids,
        now() AS effective_from
    FROM next_version AS n
    RETURNING routine_versions AS version_row
),

-- The routine row's updated_at (kept by its trigger) records the edit.
touched AS (
    UPDATE routines AS r
    SET updated_at = now()
    FROM opened
    WHERE r.routine_id = (opened.version_row).routine_id
    RETURNING r AS routine_row
)

SELECT routine_json(r.routine_row, v.version_row)::text
FROM touched AS r
INNER JOIN opened AS v ON (r.routine_row).routine_id = (v.version_row).routine_id;
