-- name: select_constraint_columns :scalar
-- The columns of a table's constraint, in key order. PostgreSQL leaves the key out of a
-- unique or foreign-key error's detail on a table with row-level security, so the error
-- answer reads which columns it was about here (once per constraint and process).
-- Params: schema_name, table_name, constraint_name.
-- Returns text[] (NULL for no such constraint).
-- Index: pg_constraint's (conrelid, contypid, conname).
SELECT
    array(
        SELECT a.attname::text
        FROM unnest(k.conkey) WITH ORDINALITY AS u (attnum, position)
        INNER JOIN pg_attribute AS a ON k.conrelid = a.attrelid AND u.attnum = a.attnum
        ORDER BY u.position
    ) AS columns
FROM pg_constraint AS k
WHERE
    k.conrelid = to_regclass(quote_ident(%(schema_name)s) || '.' || quote_ident(%(table_name)s))
    AND k.conname = %(constraint_name)s;
