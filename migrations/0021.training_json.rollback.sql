-- Undoes 0021.training_json.
DO $migration$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        EXECUTE format($ddl$
            DROP FUNCTION %1$I.daily_metrics_json(%1$I.daily_metrics);
            DROP FUNCTION %1$I.training_load_json(%1$I.training_load_tracking);
            DROP FUNCTION %1$I.sync_json(%1$I.sync_history);
            DROP FUNCTION %1$I.ai_cache_json(%1$I.ai_analysis_cache);
            DROP FUNCTION %1$I.hrv_reading_json(%1$I.hrv_readings);
            DROP FUNCTION %1$I.readiness_json(%1$I.daily_readiness);
            DROP FUNCTION %1$I.planned_workout_json(%1$I.planned_workouts);
            DROP FUNCTION %1$I.training_plan_json(%1$I.training_plans);
            DROP FUNCTION %1$I.athlete_profile_json(%1$I.user_profile);
        $ddl$, target);
    END LOOP;
END
$migration$;
