-- depends: 0021.training_json
-- The Garmin datasets answer through explicit column lists (issue 11, point 1), as 0020 did for
-- the other domains: one <table>_json(row) function per dataset table, in aiapp_nonprod and
-- aiapp alike (the pool's search_path picks the environment). The keys and values are those
-- to_jsonb(row) gave before, so clients see the same fields; a column added to a table is not
-- answered until it is named here.

DO $migration$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        EXECUTE format($ddl$
            -- A day of the daily summary (steps, calories, heart rate, stress, body battery).
            CREATE FUNCTION %1$I.user_summary_json(t %1$I.user_summary)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'total_kilocalories', t.total_kilocalories,
                'active_kilocalories', t.active_kilocalories,
                'bmr_kilocalories', t.bmr_kilocalories,
                'total_steps', t.total_steps,
                'total_distance_meters', t.total_distance_meters,
                'min_heart_rate', t.min_heart_rate,
                'max_heart_rate', t.max_heart_rate,
                'resting_heart_rate', t.resting_heart_rate,
                'last_seven_days_avg_resting_heart_rate', t.last_seven_days_avg_resting_heart_rate,
                'vigorous_intensity_minutes', t.vigorous_intensity_minutes,
                'moderate_intensity_minutes', t.moderate_intensity_minutes,
                'average_stress_level', t.average_stress_level,
                'total_stress_duration', t.total_stress_duration,
                'stress_duration', t.stress_duration,
                'uncategorized_stress_duration', t.uncategorized_stress_duration,
                'rest_stress_duration', t.rest_stress_duration,
                'low_stress_duration', t.low_stress_duration,
                'activity_stress_duration', t.activity_stress_duration,
                'medium_stress_duration', t.medium_stress_duration,
                'high_stress_duration', t.high_stress_duration,
                'stress_qualifier', t.stress_qualifier,
                'body_battery_charged_value', t.body_battery_charged_value,
                'body_battery_drained_value', t.body_battery_drained_value,
                'body_battery_highest_value', t.body_battery_highest_value,
                'body_battery_lowest_value', t.body_battery_lowest_value,
                'body_battery_most_recent_value', t.body_battery_most_recent_value,
                'avg_waking_respiration_value', t.avg_waking_respiration_value,
                'highest_respiration_value', t.highest_respiration_value,
                'lowest_respiration_value', t.lowest_respiration_value,
                'latest_respiration_value', t.latest_respiration_value,
                'created_at', t.created_at,
                'updated_at', t.updated_at
            );

            -- A day of body composition.
            CREATE FUNCTION %1$I.body_composition_json(t %1$I.body_composition)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'weight', t.weight,
                'bmi', t.bmi,
                'body_fat_mass', t.body_fat_mass,
                'body_fat_percentage', t.body_fat_percentage,
                'body_water_mass', t.body_water_mass,
                'body_water_percentage', t.body_water_percentage,
                'bone_mass', t.bone_mass,
                'bone_mass_percentage', t.bone_mass_percentage,
                'muscle_mass', t.muscle_mass,
                'muscle_mass_percentage', t.muscle_mass_percentage,
                'visceral_fat', t.visceral_fat,
                'basal_metabolic_rate', t.basal_metabolic_rate,
                'created_at', t.created_at,
                'updated_at', t.updated_at
            );

            -- A night of HRV, filed by Garmin under the morning it ends.
            CREATE FUNCTION %1$I.hrv_data_json(t %1$I.hrv_data)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'hrv_weekly_avg', t.hrv_weekly_avg,
                'hrv_last_night_avg', t.hrv_last_night_avg,
                'hrv_status', t.hrv_status,
                'hrv_baseline_balanced_low', t.hrv_baseline_balanced_low,
                'hrv_baseline_balanced_upper', t.hrv_baseline_balanced_upper,
                'created_at', t.created_at,
                'updated_at', t.updated_at
            );

            -- A night of sleep, filed by Garmin under the morning it ends.
            CREATE FUNCTION %1$I.sleep_data_json(t %1$I.sleep_data)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'time_offset', t.time_offset,
                'sleep_time_seconds', t.sleep_time_seconds,
                'sleep_start', t.sleep_start,
                'sleep_end', t.sleep_end,
                'nap_time_seconds', t.nap_time_seconds,
                'nap_data', t.nap_data,
                'deep_sleep_seconds', t.deep_sleep_seconds,
                'light_sleep_seconds', t.light_sleep_seconds,
                'rem_sleep_seconds', t.rem_sleep_seconds,
                'awake_sleep_seconds', t.awake_sleep_seconds,
                'sleep_average_respiration_value', t.sleep_average_respiration_value,
                'sleep_lowest_respiration_value', t.sleep_lowest_respiration_value,
                'sleep_highest_respiration_value', t.sleep_highest_respiration_value,
                'sleep_awake_count', t.sleep_awake_count,
                'avg_sleep_stress', t.avg_sleep_stress,
                'sleep_score_feedback', t.sleep_score_feedback,
                'sleep_score_insight', t.sleep_score_insight,
                'sleep_score_personalized_insight', t.sleep_score_personalized_insight,
                'sleep_overall_score_value', t.sleep_overall_score_value,
                'sleep_overall_score_qualifier', t.sleep_overall_score_qualifier,
                'sleep_total_duration_qualifier', t.sleep_total_duration_qualifier,
                'sleep_stress_qualifier', t.sleep_stress_qualifier,
                'sleep_awake_count_qualifier', t.sleep_awake_count_qualifier,
                'sleep_rem_percentage_value', t.sleep_rem_percentage_value,
                'sleep_rem_percentage_qualifier', t.sleep_rem_percentage_qualifier,
                'sleep_rem_optimal_start', t.sleep_rem_optimal_start,
                'sleep_rem_optimal_end', t.sleep_rem_optimal_end,
                'sleep_restlessness_qualifier', t.sleep_restlessness_qualifier,
                'sleep_restlessness_optimal_start', t.sleep_restlessness_optimal_start,
                'sleep_restlessness_optimal_end', t.sleep_restlessness_optimal_end,
                'sleep_light_percentage_value', t.sleep_light_percentage_value,
                'sleep_light_percentage_qualifier', t.sleep_light_percentage_qualifier,
                'sleep_light_optimal_start', t.sleep_light_optimal_start,
                'sleep_light_optimal_end', t.sleep_light_optimal_end,
                'sleep_deep_percentage_value', t.sleep_deep_percentage_value,
                'sleep_deep_percentage_qualifier', t.sleep_deep_percentage_qualifier,
                'sleep_deep_optimal_start', t.sleep_deep_optimal_start,
                'sleep_deep_optimal_end', t.sleep_deep_optimal_end,
                'sleep_avg_overnight_hrv', t.sleep_avg_overnight_hrv,
                'sleep_resting_heart_rate', t.sleep_resting_heart_rate,
                'sleep_body_battery_change', t.sleep_body_battery_change,
                'sleep_restless_moments_count', t.sleep_restless_moments_count,
                'sleep_levels_data', t.sleep_levels_data,
                'sleep_heart_rate_data', t.sleep_heart_rate_data,
                'sleep_hrv_data', t.sleep_hrv_data,
                'sleep_stress_data', t.sleep_stress_data,
                'created_at', t.created_at,
                'updated_at', t.updated_at
            );

            -- A day of training readiness.
            CREATE FUNCTION %1$I.training_readiness_json(t %1$I.training_readiness)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'training_readiness_level', t.training_readiness_level,
                'training_readiness_score', t.training_readiness_score,
                'sleep_score', t.sleep_score,
                'sleep_score_factor_feedback', t.sleep_score_factor_feedback,
                'recovery_time_factor_feedback', t.recovery_time_factor_feedback,
                'recovery_time', t.recovery_time,
                'acute_load', t.acute_load,
                'hrv_weekly_average', t.hrv_weekly_average,
                'hrv_factor_feedback', t.hrv_factor_feedback,
                'stress_history_factor_feedback', t.stress_history_factor_feedback,
                'sleep_history_factor_feedback', t.sleep_history_factor_feedback,
                'created_at', t.created_at,
                'updated_at', t.updated_at
            );

            -- A day of endurance score.
            CREATE FUNCTION %1$I.endurance_score_json(t %1$I.endurance_score)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'endurance_score', t.endurance_score,
                'endurance_score_classification', t.endurance_score_classification,
                'endurance_score_classification_lower_limit_intermediate', t.endurance_score_classification_lower_limit_intermediate,
                'endurance_score_classification_lower_limit_trained', t.endurance_score_classification_lower_limit_trained,
                'endurance_score_classification_lower_limit_well_trained', t.endurance_score_classification_lower_limit_well_trained,
                'endurance_score_classification_lower_limit_expert', t.endurance_score_classification_lower_limit_expert,
                'endurance_score_classification_lower_limit_superior', t.endurance_score_classification_lower_limit_superior,
                'endurance_score_classification_lower_limit_elite', t.endurance_score_classification_lower_limit_elite,
                'endurance_score_contributors', t.endurance_score_contributors,
                'created_at', t.created_at,
                'updated_at', t.updated_at
            );

            -- A day of training status; the training load balance reads the same rows.
            CREATE FUNCTION %1$I.training_status_json(t %1$I.training_status)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'daily_training_load_acute', t.daily_training_load_acute,
                'daily_training_load_acute_feedback', t.daily_training_load_acute_feedback,
                'daily_training_load_chronic', t.daily_training_load_chronic,
                'min_training_load_chronic', t.min_training_load_chronic,
                'max_training_load_chronic', t.max_training_load_chronic,
                'vo2_max_precise_value', t.vo2_max_precise_value,
                'vo2_max_feedback', t.vo2_max_feedback,
                'monthly_load_anaerobic', t.monthly_load_anaerobic,
                'monthly_load_aerobic_high', t.monthly_load_aerobic_high,
                'monthly_load_aerobic_low', t.monthly_load_aerobic_low,
                'monthly_load_aerobic_low_target_min', t.monthly_load_aerobic_low_target_min,
                'monthly_load_aerobic_low_target_max', t.monthly_load_aerobic_low_target_max,
                'monthly_load_aerobic_high_target_min', t.monthly_load_aerobic_high_target_min,
                'monthly_load_aerobic_high_target_max', t.monthly_load_aerobic_high_target_max,
                'monthly_load_anaerobic_target_min', t.monthly_load_anaerobic_target_min,
                'monthly_load_anaerobic_target_max', t.monthly_load_anaerobic_target_max,
                'training_balance_feedback_phrase', t.training_balance_feedback_phrase,
                'created_at', t.created_at,
                'updated_at', t.updated_at
            );

            -- A day of fitness age.
            CREATE FUNCTION %1$I.fitness_age_json(t %1$I.fitness_age)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'chronological_age', t.chronological_age,
                'fitness_age', t.fitness_age,
                'body_fat_value', t.body_fat_value,
                'vigorous_days_avg_value', t.vigorous_days_avg_value,
                'rhr_value', t.rhr_value,
                'vigorous_minutes_avg_value', t.vigorous_minutes_avg_value,
                'created_at', t.created_at,
                'updated_at', t.updated_at
            );

            -- A day of health events (last meal, drink, screen time).
            CREATE FUNCTION %1$I.daily_health_events_json(t %1$I.daily_health_events)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'last_meal_time', t.last_meal_time,
                'last_drink_time', t.last_drink_time,
                'last_screen_time', t.last_screen_time,
                'created_at', t.created_at,
                'updated_at', t.updated_at
            );

            -- A day of VO2 max metrics.
            CREATE FUNCTION %1$I.max_metrics_json(t %1$I.max_metrics)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'vo2_max_precise_value', t.vo2_max_precise_value,
                'vo2_max_value', t.vo2_max_value,
                'fitness_age', t.fitness_age,
                'vo2_max_feedback', t.vo2_max_feedback,
                'created_at', t.created_at,
                'updated_at', t.updated_at
            );

            -- An activity, without its GPS track (select_activity adds it). Two objects joined:
            -- a function takes at most 100 arguments, the 67 columns need 134.
            CREATE FUNCTION %1$I.activities_json(t %1$I.activities)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'activity_id', t.activity_id,
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'activity_type', t.activity_type,
                'activity_name', t.activity_name,
                'activity_description', t.activity_description,
                'activity_start_time', t.activity_start_time,
                'time_offset', t.time_offset,
                'activity_start_latitude', t.activity_start_latitude,
                'activity_start_longitude', t.activity_start_longitude,
                'activity_end_latitude', t.activity_end_latitude,
                'activity_end_longitude', t.activity_end_longitude,
                'activity_location_name', t.activity_location_name,
                'activity_duration', t.activity_duration,
                'activity_elapsed_duration', t.activity_elapsed_duration,
                'activity_moving_duration', t.activity_moving_duration,
                'activity_distance', t.activity_distance,
                'activity_elevation_gain', t.activity_elevation_gain,
                'activity_elevation_loss', t.activity_elevation_loss,
                'activity_min_elevation', t.activity_min_elevation,
                'activity_max_elevation', t.activity_max_elevation,
                'activity_calories', t.activity_calories,
                'activity_bmr_calories', t.activity_bmr_calories,
                'activity_steps', t.activity_steps,
                'activity_avg_stride_length', t.activity_avg_stride_length,
                'activity_average_speed', t.activity_average_speed,
                'activity_average_hr', t.activity_average_hr,
                'activity_max_hr', t.activity_max_hr,
                'activity_watch_min_temperature', t.activity_watch_min_temperature,
                'activity_watch_max_temperature', t.activity_watch_max_temperature,
                'activity_weather_temperature_on_start', t.activity_weather_temperature_on_start,
                'activity_weather_relative_humidity_on_start', t.activity_weather_relative_humidity_on_start,
                'activity_weather_wind_direction_on_start', t.activity_weather_wind_direction_on_start,
                'activity_weather_wind_speed_on_start', t.activity_weather_wind_speed_on_start,
                'activity_weather_wind_gust_on_start', t.activity_weather_wind_gust_on_start,
                'activity_weather_type_desc', t.activity_weather_type_desc,
                'activity_water_estimated', t.activity_water_estimated,
                'activity_aerobic_training_effect', t.activity_aerobic_training_effect,
                'activity_anaerobic_training_effect', t.activity_anaerobic_training_effect,
                'activity_activity_training_load', t.activity_activity_training_load,
                'activity_training_effect_label', t.activity_training_effect_label,
                'activity_aerobic_training_effect_message', t.activity_aerobic_training_effect_message,
                'activity_anaerobic_training_effect_message', t.activity_anaerobic_training_effect_message,
                'activity_moderate_intensity_minutes', t.activity_moderate_intensity_minutes,
                'activity_vigorous_intensity_minutes', t.activity_vigorous_intensity_minutes,
                'activity_difference_body_battery', t.activity_difference_body_battery,
                'activity_secs_in_zone1', t.activity_secs_in_zone1,
                'activity_secs_in_zone2', t.activity_secs_in_zone2,
                'activity_secs_in_zone3', t.activity_secs_in_zone3,
                'activity_secs_in_zone4', t.activity_secs_in_zone4
            ) || jsonb_build_object(
                'activity_secs_in_zone5', t.activity_secs_in_zone5,
                'created_at', t.created_at,
                'updated_at', t.updated_at,
                'avg_power', t.avg_power,
                'max_power', t.max_power,
                'normalized_power', t.normalized_power,
                'avg_cadence', t.avg_cadence,
                'max_cadence', t.max_cadence,
                'avg_vertical_oscillation', t.avg_vertical_oscillation,
                'avg_ground_contact_time', t.avg_ground_contact_time,
                'intensity_factor', t.intensity_factor,
                'perceived_exertion', t.perceived_exertion,
                'notes', t.notes,
                'raw_activity_data', t.raw_activity_data,
                'planned_workout_id', t.planned_workout_id,
                'hr_training_load', t.hr_training_load,
                'training_load_method', t.training_load_method
            );

            -- A GPS track, without the track itself: the ingest answer lists what was stored.
            CREATE FUNCTION %1$I.activity_gps_json(t %1$I.activity_gps)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'activity_id', t.activity_id,
                'customer_id', t.customer_id,
                'calendar_date', t.calendar_date,
                'created_at', t.created_at,
                'updated_at', t.updated_at
            );
        $ddl$, target);
    END LOOP;
END
$migration$;
