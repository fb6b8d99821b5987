-- name: upsert_ai_cache :scalar
-- Stores (or replaces) one of the caller's AI answers under its content hash, valid for
-- ttl_seconds from now; replacing resets the hit count.
-- Params: customer_id, entry (jsonb), ttl_seconds. Returns the entry as JSON text.
-- Index: ai_analysis_cache_hash_key (conflict target).
INSERT INTO ai_analysis_cache AS c (
    customer_id, content_hash, analysis_type, input_context, response_text, structured_output,
    model_version, expires_at
)
SELECT
    %(customer_id)s,
    g.content_hash,
    g.analysis_type,
    coalesce(g.input_context, '{}') AS input_context,
    g.response_text,
    g.structured_output,
    g.model_version,
    now() + make_interval(secs => %(ttl_seconds)s) AS expires_at
FROM jsonb_populate_record(NULL::ai_analysis_cache, %(entry)s::jsonb) AS g
ON CONFLICT (customer_id, content_hash) DO UPDATE
    SET
        analysis_type = excluded.analysis_type,
        input_context = excluded.input_context,
        response_text = excluded.response_text,
        structured_output = excluded.structured_output,
        model_version = excluded.model_version,
        expires_at = excluded.expires_at,
        hit_count = 0,
        last_accessed_at = NULL,
        created_at = now()
RETURNING ai_cache_json(c)::text;
