DROP TABLE clinical.interaction_log;
DROP FUNCTION clinical.refuse_interaction_log_change();

DO $migration$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        EXECUTE format(
            'ALTER TABLE %I.planned_workouts DROP COLUMN workout_structure', target
        );
    END LOOP;
END
$migration$;

ALTER TABLE aiapp.users DROP COLUMN notification_enabled;
