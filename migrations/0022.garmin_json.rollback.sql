-- Undoes 0022.garmin_json.
DO $migration$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        EXECUTE format($ddl$
            DROP FUNCTION %1$I.activity_gps_json(%1$I.activity_gps);
            DROP FUNCTION %1$I.activities_json(%1$I.activities);
            DROP FUNCTION %1$I.max_metrics_json(%1$I.max_metrics);
            DROP FUNCTION %1$I.daily_health_events_json(%1$I.daily_health_events);
            DROP FUNCTION %1$I.fitness_age_json(%1$I.fitness_age);
            DROP FUNCTION %1$I.training_status_json(%1$I.training_status);
            DROP FUNCTION %1$I.endurance_score_json(%1$I.endurance_score);
            DROP FUNCTION %1$I.training_readiness_json(%1$I.training_readiness);
            DROP FUNCTION %1$I.sleep_data_json(%1$I.sleep_data);
            DROP FUNCTION %1$I.hrv_data_json(%1$I.hrv_data);
            DROP FUNCTION %1$I.body_composition_json(%1$I.body_composition);
            DROP FUNCTION %1$I.user_summary_json(%1$I.user_summary);
        $ddl$, target);
    END LOOP;
END
$migration$;
