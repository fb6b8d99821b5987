-- name: purge_ai_cache :none
-- Deletes every expired AI cache entry (all users). Params: none. Returns the row count.
-- Index: ai_analysis_cache_expires_idx.
DELETE FROM ai_analysis_cache
WHERE expires_at <= now();
