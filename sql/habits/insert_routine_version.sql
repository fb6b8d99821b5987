-- name: insert_routine_version :one
-- Edits a live routine: closes its open version now and opens the next one from the same
-- instant, in one statement (routine_versions_one_open_key keeps one open version). Fields
-- not sent (NULL) are carried over from the closed version; its habits only while still live.
-- custom_time applies to a custom time of day and is cleared otherwise. Only the owner, or the
-- owning family's owners and admins, may. Run after lock_routine_role in the same transaction.
-- Params: routine_id, customer_id, name, time_of_day, custom_time, habit_ids.
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

opened AS (
    INSERT INTO routine_versions (
        routine_id, version, name, time_of_day, custom_time, habit_ids, effective_from
    )
    SELECT
        closed.routine_id,
        closed.version + 1 AS version,
        coalesce(%(name)s, closed.name) AS name,
        coalesce(%(time_of_day)s, closed.time_of_day) AS time_of_day,
        CASE
            WHEN coalesce(%(time_of_day)s, closed.time_of_day) = 'custom'
                THEN coalesce(%(custom_time)s::time, closed.custom_time)
        END AS custom_time,
        coalesce(
            %(habit_ids)s::uuid[],
            array(
                SELECT listed.habit_id
                FROM unnest(closed.habit_ids) WITH ORDINALITY AS listed (habit_id, position)
                INNER JOIN habits AS h ON listed.habit_id = h.habit_id
                WHERE h.deleted_at IS NULL
                ORDER BY listed.position
            )
        ) AS habit_ids,
        now() AS effective_from
    FROM closed
    RETURNING
        routine_id, version, name, time_of_day, custom_time, habit_ids, effective_from,
        effective_to
),

-- The routine row's updated_at (kept by its trigger) records the edit.
touched AS (
    UPDATE routines AS r
    SET updated_at = now()
    FROM opened
    WHERE r.routine_id = opened.routine_id
    RETURNING r.routine_id, r.customer_id, r.family_id, r.created_at, r.updated_at
)

SELECT
    r.routine_id,
    r.customer_id,
    r.family_id,
    v.version,
    v.name,
    v.time_of_day,
    v.custom_time,
    routine_habits(v.habit_ids) AS habits,
    v.effective_from,
    v.effective_to,
    r.created_at,
    r.updated_at
FROM touched AS r
INNER JOIN opened AS v ON r.routine_id = v.routine_id;
