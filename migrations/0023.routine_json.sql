-- depends: 0020.response_json
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
