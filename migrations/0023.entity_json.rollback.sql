DROP FUNCTION aiapp.write_message_session(bigint, uuid, jsonb, boolean, jsonb);
DROP FUNCTION ufc.candidate_json(ufc.fighter_candidates);
DROP FUNCTION habits.routine_json(habits.routines, habits.routine_versions);
