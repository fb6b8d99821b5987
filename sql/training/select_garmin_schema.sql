-- name: select_garmin_schema :scalar
-- Which schema the Garmin pool's connections work in (their search_path): aiapp in production,
-- aiapp_nonprod otherwise. Params: none. Returns its name. Index: none.
SELECT current_schema();
