-- Drops the Garmin tables of 0004.garmin from both schemas (their triggers go with them).
-- activity_gps references activities, so it goes first.

DROP TABLE aiapp_nonprod.activity_gps;
DROP TABLE aiapp_nonprod.activities;
DROP TABLE aiapp_nonprod.user_summary;
DROP TABLE aiapp_nonprod.body_composition;
DROP TABLE aiapp_nonprod.hrv_data;
DROP TABLE aiapp_nonprod.sleep_data;
DROP TABLE aiapp_nonprod.training_readiness;
DROP TABLE aiapp_nonprod.endurance_score;
DROP TABLE aiapp_nonprod.training_status;
DROP TABLE aiapp_nonprod.fitness_age;
DROP TABLE aiapp_nonprod.daily_health_events;
DROP TABLE aiapp_nonprod.max_metrics;

DROP TABLE aiapp.activity_gps;
DROP TABLE aiapp.activities;
DROP TABLE aiapp.user_summary;
DROP TABLE aiapp.body_composition;
DROP TABLE aiapp.hrv_data;
DROP TABLE aiapp.sleep_data;
DROP TABLE aiapp.training_readiness;
DROP TABLE aiapp.endurance_score;
DROP TABLE aiapp.training_status;
DROP TABLE aiapp.fitness_age;
DROP TABLE aiapp.daily_health_events;
DROP TABLE aiapp.max_metrics;
