-- name: select_existing_schemas :scalar
-- Which of the given schemas exist: what /ready checks for the domains one database serves.
-- Params: schemas (text[]). Returns a text[] of those present. Index: pg_namespace's name index.
SELECT coalesce(array_agg(nspname::text), '{}') FROM pg_namespace
WHERE nspname = any(%(schemas)s);
