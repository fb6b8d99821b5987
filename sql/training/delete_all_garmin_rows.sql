-- name: delete_all_garmin_rows :none
-- Empties every Garmin and training table of the connection's schema (seed --reset) in one
-- statement; users stay. DELETE rather than TRUNCATE: the app's role may not truncate.
-- activities takes heart_rate_samples and activity_gps with it, training_plans its
-- planned_workouts (foreign keys ON DELETE CASCADE).
-- Params: none. Returns the row count of the last table. Index: none (every row goes).
WITH
activities_gone AS (DELETE FROM activities),

plans_gone AS (DELETE FROM training_plans),

profiles_gone AS (DELETE FROM user_profile),

readings_gone AS (DELETE FROM hrv_readings),

readiness_gone AS (DELETE FROM daily_readiness),

cache_gone AS (DELETE FROM ai_analysis_cache),

load_gone AS (DELETE FROM training_load_tracking),

syncs_gone AS (DELETE FROM sync_history),

summary_gone AS (DELETE FROM user_summary),

body_gone AS (DELETE FROM body_composition),

hrv_gone AS (DELETE FROM hrv_data),

sleep_gone AS (DELETE FROM sleep_data),

readiness_data_gone AS (DELETE FROM training_readiness),

endurance_gone AS (DELETE FROM endurance_score),

status_gone AS (DELETE FROM training_status),

fitness_age_gone AS (DELETE FROM fitness_age),

events_gone AS (DELETE FROM daily_health_events)

DELETE FROM max_metrics;
