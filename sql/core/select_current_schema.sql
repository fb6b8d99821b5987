-- name: select_current_schema :scalar
-- The first existing schema of the connection's search_path (NULL when it does not exist):
-- what /ready checks for each domain. Params: none. Returns text or NULL.
SELECT current_schema();
