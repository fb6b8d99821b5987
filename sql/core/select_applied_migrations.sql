-- name: select_applied_migrations :many
-- Ids of the migrations yoyo has applied, for /ready to compare with the files on disk.
-- Params: none. Returns rows of migration_id. Index: yoyo's primary key (small table).
SELECT migration_id FROM yoyo._yoyo_migration;
