-- name: list_user_tables :many
-- The catalogue's answer to "which tables hold a user's rows": every table of the given
-- schemas with a customer_id column (owned), and every table without one that references an
-- owned table (a child, reached through its parent; the first such foreign key by name).
-- habits.families, which has neither, is the user's through their memberships (members_of);
-- a table whose customer_id may be NULL and which references habits.families holds rows of
-- either one user or one family (family_columns: the referencing columns).
-- Partitions are left out: their partitioned parent covers them.
-- Params: schemas (text[]). Returns schema_name, table_name, columns (in table order),
-- parent_schema, parent_table, fk_columns and parent_columns (NULL for owned tables),
-- members_of (true for habits.families), family_columns; owned tables first.
-- Index: the system catalogues' own.
WITH app_tables AS (
    SELECT
        c.oid,
        n.nspname AS schema_name,
        c.relname AS table_name,
        exists(
            SELECT FROM pg_attribute AS a
            WHERE a.attrelid = c.oid AND a.attname = 'customer_id' AND NOT a.attisdropped
        ) AS owned,
        exists(
            SELECT FROM pg_attribute AS a
            WHERE
                a.attrelid = c.oid AND a.attname = 'customer_id' AND NOT a.attisdropped
                AND NOT a.attnotnull
        ) AS owner_optional
    FROM pg_class AS c
    INNER JOIN pg_namespace AS n ON c.relnamespace = n.oid
    WHERE
        n.nspname = any(%(schemas)s::text[])
        AND c.relkind IN ('r', 'p')
        AND NOT c.relispartition
),

links AS (
    SELECT DISTINCT ON (k.conrelid)
        k.conrelid AS oid,
        p.schema_name AS parent_schema,
        p.table_name AS parent_table,
        array(
            SELECT a.attname::text
            FROM unnest(k.conkey) WITH ORDINALITY AS u (attnum, position)
            INNER JOIN pg_attribute AS a ON a.attrelid = k.conrelid AND u.attnum = a.attnum
            ORDER BY u.position
        ) AS fk_columns,
        array(
            SELECT a.attname::text
            FROM unnest(k.confkey) WITH ORDINALITY AS u (attnum, position)
            INNER JOIN pg_attribute AS a ON a.attrelid = k.confrelid AND u.attnum = a.attnum
            ORDER BY u.position
        ) AS parent_columns
    FROM pg_constraint AS k
    INNER JOIN app_tables AS child ON k.conrelid = child.oid AND NOT child.owned
    INNER JOIN app_tables AS p ON k.confrelid = p.oid AND p.owned
    WHERE k.contype = 'f'
    ORDER BY k.conrelid, k.conname
)

SELECT
    t.schema_name,
    t.table_name,
    array(
        SELECT a.attname::text FROM pg_attribute AS a
        WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
    ) AS columns,
    l.parent_schema,
    l.parent_table,
    l.fk_columns,
    l.parent_columns,
    coalesce(t.schema_name = 'habits' AND t.table_name = 'families', FALSE) AS members_of,
    (
        SELECT array_agg(a.attname::text ORDER BY a.attnum)
        FROM pg_constraint AS k
        INNER JOIN pg_attribute AS a ON k.conrelid = a.attrelid AND k.conkey[1] = a.attnum
        WHERE
            t.owner_optional
            AND k.conrelid = t.oid
            AND k.contype = 'f'
            AND k.confrelid = to_regclass('habits.families')
            AND cardinality(k.conkey) = 1
    ) AS family_columns
FROM app_tables AS t
LEFT JOIN links AS l ON t.oid = l.oid
WHERE t.owned OR l.oid IS NOT NULL OR (t.schema_name = 'habits' AND t.table_name = 'families')
ORDER BY NOT t.owned, t.schema_name, t.table_name;
