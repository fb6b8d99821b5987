-- name: list_hr_partitions :many
-- The monthly partitions of heart_rate_samples in the connection's schema, oldest first, with
-- their bounds (read back from the catalogue, as ensure_hr_partitions wrote them), the
-- planner's row estimate (0 before the first ANALYZE) and their size on disk with indexes.
-- Params: none. Returns partition_name, month_start, month_end, estimated_rows, total_bytes.
-- Index: the system catalogues' own (pg_inherits_parent_index).
WITH parts AS (
    SELECT
        c.relname::text AS partition_name,
        greatest(c.reltuples, 0)::bigint AS estimated_rows,
        pg_total_relation_size(c.oid) AS total_bytes,
        regexp_match(
            pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\) TO \(''([^'']+)''\)'
        ) AS bounds
    FROM pg_inherits AS i
    INNER JOIN pg_class AS c ON i.inhrelid = c.oid
    WHERE i.inhparent = to_regclass(quote_ident(current_schema()) || '.heart_rate_samples')
)

SELECT
    partition_name,
    bounds[1]::timestamptz AS month_start,
    bounds[2]::timestamptz AS month_end,
    estimated_rows,
    total_bytes
FROM parts
ORDER BY month_start;
