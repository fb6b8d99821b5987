-- name: hit_ai_cache :scalar
-- Serves one of the caller's cached AI answers by content hash and counts the hit in the same
-- statement; an expired entry is not served (and not counted).
-- Params: customer_id, content_hash. Returns the entry as JSON text (hit_count after this
-- hit), or NULL. Index: ai_analysis_cache_hash_key.
UPDATE ai_analysis_cache AS c SET
    hit_count = c.hit_count + 1,
    last_accessed_at = now()
WHERE
    c.customer_id = %(customer_id)s
    AND c.content_hash = %(content_hash)s
    AND c.expires_at > now()
RETURNING ai_cache_json(c)::text;
