-- name: upsert_daily_readiness :scalar
-- Creates or replaces the caller's readiness verdict for one day from a JSON object.
-- Params: customer_id, readiness (jsonb; calendar_date required). Returns the row as JSON
-- text, calendar_date also as seed 002's readiness_date.
-- Index: daily_readiness_pkey (conflict target).
INSERT INTO daily_readiness AS r (
    customer_id, calendar_date, readiness_score, recommendation, key_factors, red_flags,
    recovery_tips, suggested_workout, ai_analysis, model_version, confidence, training_load_7d,
    training_load_28d, acwr, user_agreed, user_feedback
)
SELECT
    %(customer_id)s,
    g.calendar_date,
    g.readiness_score,
    g.recommendation,
    coalesce(g.key_factors, '[]') AS key_factors,
    coalesce(g.red_flags, '[]') AS red_flags,
    coalesce(g.recovery_tips, '[]') AS recovery_tips,
    g.suggested_workout,
    g.ai_analysis,
    g.model_version,
    g.confidence,
    g.training_load_7d,
    g.training_load_28d,
    g.acwr,
    g.user_agreed,
    g.user_feedback
FROM jsonb_populate_record(NULL::daily_readiness, %(readiness)s::jsonb) AS g
ON CONFLICT (customer_id, calendar_date) DO UPDATE
    SET
        readiness_score = excluded.readiness_score,
        recommendation = excluded.recommendation,
        key_factors = excluded.key_factors,
        red_flags = excluded.red_flags,
        recovery_tips = excluded.recovery_tips,
        suggested_workout = excluded.suggested_workout,
        ai_analysis = excluded.ai_analysis,
        model_version = excluded.model_version,
        confidence = excluded.confidence,
        training_load_7d = excluded.training_load_7d,
        training_load_28d = excluded.training_load_28d,
        acwr = excluded.acwr,
        user_agreed = excluded.user_agreed,
        user_feedback = excluded.user_feedback
RETURNING readiness_json(r)::text;
