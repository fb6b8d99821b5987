-- name: select_database_identity :one
-- Which database a connection reached: the cluster's system identifier (the same on a
-- replica, a pooler or another host name of one server) and the database's name. Two URLs
-- that answer the same pair reach the same data.
-- Params: none. Returns system_identifier (text), database. Index: none (no table is read).
SELECT
    s.system_identifier::text AS system_identifier,
    current_database() AS database
FROM pg_control_system() AS s;
