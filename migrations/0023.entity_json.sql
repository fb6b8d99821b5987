-- depends: 0020.response_json
-- Entity JSON written once (issue 11): a habits routine as one of its versions, and a UFC
-- queue candidate.
--
-- A routine answers as one of its versions (issue 11, point 6): the routine's identity and
-- times beside the version's fields and habits. insert_routine, select_routine and
-- insert_routine_version all answer with it, so its keys are written here once. json, not
-- jsonb: the keys keep the order clients have always seen.
CREATE FUNCTION habits.routine_json(r habits.routines, v habits.routine_versions)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'routine_id', r.routine_id,
    'customer_id', r.customer_id,
    'family_id', r.family_id,
    'version', v.version,
    'name', v.name,
    'time_of_day', v.time_of_day,
    'custom_time', v.custom_time,
    'habits', habits.routine_habits(v.habit_ids),
    'effective_from', v.effective_from,
    'effective_to', v.effective_to,
    'created_at', r.created_at,
    'updated_at', r.updated_at
);

-- A fighter candidate of the UFC queue, as enqueue, claim and finish answer with it.
CREATE FUNCTION ufc.candidate_json(c ufc.fighter_candidates)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'id', c.id,
    'customer_id', c.customer_id,
    'full_name', c.full_name,
    'description', c.description,
    'dwcs_info', c.dwcs_info,
    'status', c.status,
    'attempts', c.attempts,
    'error', c.error,
    'created_at', c.created_at,
    'claimed_at', c.claimed_at,
    'lease_expires_at', c.lease_expires_at,
    'finished_at', c.finished_at
);
