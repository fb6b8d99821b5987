DROP FUNCTION habits.routine_json(habits.routines, habits.routine_versions);
