-- depends: 0020.response_json
-- One response path for the training system (issue 11, point 1): its answers are built by
-- PostgreSQL from explicit column lists, one function per entity, so a renamed or added column
-- cannot silently change the API. The keys and values are those to_jsonb(row) gave before, and
-- seed 002's names ride along as they did. The tables are in aiapp_nonprod and aiapp (as
-- 0009.training made them, %1$I is the schema); the Garmin pool's search_path picks which
-- function an unqualified call finds, as it picks the tables.

DO $migration$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['aiapp_nonprod', 'aiapp'] LOOP
        EXECUTE format($ddl$
            -- The athlete's profile.
            CREATE FUNCTION %1$I.athlete_profile_json(p %1$I.user_profile)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', p.customer_id,
                'date_of_birth', p.date_of_birth,
                'gender', p.gender,
                'height_cm', p.height_cm,
                'weight_kg', p.weight_kg,
                'resting_heart_rate', p.resting_heart_rate,
                'max_heart_rate', p.max_heart_rate,
                'heart_rate_zones', p.heart_rate_zones,
                'training_preferences', p.training_preferences,
                'garmin_user_id', p.garmin_user_id,
                'timezone', p.timezone,
                'units', p.units,
                'created_at', p.created_at,
                'updated_at', p.updated_at
            );

            -- A training plan, with seed 002's target_date (end_date); its progress is the statements'.
            CREATE FUNCTION %1$I.training_plan_json(t %1$I.training_plans)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'plan_id', t.plan_id,
                'customer_id', t.customer_id,
                'name', t.name,
                'goal', t.goal,
                'start_date', t.start_date,
                'end_date', t.end_date,
                'is_active', t.is_active,
                'ai_generated', t.ai_generated,
                'ai_model', t.ai_model,
                'ai_prompt', t.ai_prompt,
                'weekly_structure', t.weekly_structure,
                'created_at', t.created_at,
                'updated_at', t.updated_at,
                'target_date', t.end_date
            );

            -- A planned workout, with seed 002's training_plan_id (plan_id); completed is the statements'.
            CREATE FUNCTION %1$I.planned_workout_json(w %1$I.planned_workouts)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'workout_id', w.workout_id,
                'plan_id', w.plan_id,
                'customer_id', w.customer_id,
                'workout_date', w.workout_date,
                'workout_type', w.workout_type,
                'workout_name', w.workout_name,
                'description', w.description,
                'target_duration_minutes', w.target_duration_minutes,
                'target_distance_meters', w.target_distance_meters,
                'target_hr_zone', w.target_hr_zone,
                'target_pace_seconds_per_km', w.target_pace_seconds_per_km,
                'target_power_watts', w.target_power_watts,
                'intensity', w.intensity,
                'ai_reasoning', w.ai_reasoning,
                'adaptations', w.adaptations,
                'coach_notes', w.coach_notes,
                'athlete_feedback', w.athlete_feedback,
                'created_at', w.created_at,
                'updated_at', w.updated_at,
                'workout_structure', w.workout_structure,
                'training_plan_id', w.plan_id
            );

            -- A day's readiness verdict, with seed 002's readiness_date (calendar_date).
            CREATE FUNCTION %1$I.readiness_json(r %1$I.daily_readiness)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', r.customer_id,
                'calendar_date', r.calendar_date,
                'readiness_score', r.readiness_score,
                'recommendation', r.recommendation,
                'key_factors', r.key_factors,
                'red_flags', r.red_flags,
                'recovery_tips', r.recovery_tips,
                'suggested_workout', r.suggested_workout,
                'ai_analysis', r.ai_analysis,
                'model_version', r.model_version,
                'confidence', r.confidence,
                'training_load_7d', r.training_load_7d,
                'training_load_28d', r.training_load_28d,
                'acwr', r.acwr,
                'user_agreed', r.user_agreed,
                'user_feedback', r.user_feedback,
                'created_at', r.created_at,
                'updated_at', r.updated_at,
                'readiness_date', r.calendar_date
            );

            -- An HRV reading.
            CREATE FUNCTION %1$I.hrv_reading_json(h %1$I.hrv_readings)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'reading_id', h.reading_id,
                'customer_id', h.customer_id,
                'reading_date', h.reading_date,
                'reading_time', h.reading_time,
                'reading_type', h.reading_type,
                'sdnn', h.sdnn,
                'rmssd', h.rmssd,
                'pnn50', h.pnn50,
                'avg_heart_rate', h.avg_heart_rate,
                'status', h.status,
                'created_at', h.created_at
            );

            -- A cached AI answer.
            CREATE FUNCTION %1$I.ai_cache_json(c %1$I.ai_analysis_cache)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'cache_id', c.cache_id,
                'customer_id', c.customer_id,
                'content_hash', c.content_hash,
                'analysis_type', c.analysis_type,
                'input_context', c.input_context,
                'response_text', c.response_text,
                'structured_output', c.structured_output,
                'model_version', c.model_version,
                'hit_count', c.hit_count,
                'last_accessed_at', c.last_accessed_at,
                'expires_at', c.expires_at,
                'created_at', c.created_at
            );

            -- A sync record, with seed 002's sync_status, sync_started_at and sync_completed_at.
            CREATE FUNCTION %1$I.sync_json(s %1$I.sync_history)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'sync_id', s.sync_id,
                'customer_id', s.customer_id,
                'sync_type', s.sync_type,
                'status', s.status,
                'window_start', s.window_start,
                'window_end', s.window_end,
                'started_at', s.started_at,
                'completed_at', s.completed_at,
                'duration_seconds', s.duration_seconds,
                'records_synced', s.records_synced,
                'records_failed', s.records_failed,
                'data_types', s.data_types,
                'error_message', s.error_message,
                'error_details', s.error_details,
                'api_calls_made', s.api_calls_made,
                'rate_limit_hit', s.rate_limit_hit,
                'sync_status', s.status,
                'sync_started_at', s.started_at,
                'sync_completed_at', s.completed_at
            );

            -- A day's training load, with seed 002's tracking_date (calendar_date).
            CREATE FUNCTION %1$I.training_load_json(l %1$I.training_load_tracking)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', l.customer_id,
                'calendar_date', l.calendar_date,
                'daily_load', l.daily_load,
                'acute_load', l.acute_load,
                'chronic_load', l.chronic_load,
                'acwr', l.acwr,
                'acwr_status', l.acwr_status,
                'fitness', l.fitness,
                'fatigue', l.fatigue,
                'form', l.form,
                'monotony', l.monotony,
                'strain', l.strain,
                'weekly_ramp_rate', l.weekly_ramp_rate,
                'updated_at', l.updated_at,
                'tracking_date', l.calendar_date
            );

            -- A row of the daily_metrics view, with its day also as date.
            CREATE FUNCTION %1$I.daily_metrics_json(m %1$I.daily_metrics)
            RETURNS jsonb
            LANGUAGE sql
            STABLE PARALLEL SAFE
            RETURN jsonb_build_object(
                'customer_id', m.customer_id,
                'calendar_date', m.calendar_date,
                'steps', m.steps,
                'distance_meters', m.distance_meters,
                'calories', m.calories,
                'active_calories', m.active_calories,
                'resting_heart_rate', m.resting_heart_rate,
                'max_heart_rate', m.max_heart_rate,
                'avg_stress_level', m.avg_stress_level,
                'body_battery_max', m.body_battery_max,
                'body_battery_min', m.body_battery_min,
                'moderate_intensity_minutes', m.moderate_intensity_minutes,
                'vigorous_intensity_minutes', m.vigorous_intensity_minutes,
                'sleep_time_seconds', m.sleep_time_seconds,
                'deep_sleep_seconds', m.deep_sleep_seconds,
                'light_sleep_seconds', m.light_sleep_seconds,
                'rem_sleep_seconds', m.rem_sleep_seconds,
                'awake_sleep_seconds', m.awake_sleep_seconds,
                'sleep_score', m.sleep_score,
                'hrv_rmssd', m.hrv_rmssd,
                'hrv_weekly_avg', m.hrv_weekly_avg,
                'hrv_status', m.hrv_status,
                'weight_kg', m.weight_kg,
                'body_fat_percentage', m.body_fat_percentage,
                'muscle_mass', m.muscle_mass,
                'bmi', m.bmi,
                'fitness_age', m.fitness_age,
                'vo2_max', m.vo2_max,
                'training_load_acute', m.training_load_acute,
                'training_load_chronic', m.training_load_chronic,
                'date', m.calendar_date
            );
        $ddl$, target);
    END LOOP;
END
$migration$;
