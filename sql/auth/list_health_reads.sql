-- name: list_health_reads :many
-- Who read one user's health data, newest first, keyset-paginated by read_id.
-- Params: customer_id, reader_customer_id (NULL = every reader), before (read_id cursor, NULL =
-- newest), max_rows.
-- Returns health_reads rows. Index: health_reads primary key (customer_id, read_id).
SELECT
    read_id,
    customer_id,
    reader_customer_id,
    reader_customer_id <> customer_id AS acted_for,
    dataset,
    route,
    request_id,
    read_at
FROM aiapp.health_reads
WHERE
    customer_id = %(customer_id)s
    AND (%(reader_customer_id)s::bigint IS NULL OR reader_customer_id = %(reader_customer_id)s)
    AND (%(before)s::bigint IS NULL OR read_id < %(before)s)
ORDER BY read_id DESC
LIMIT %(max_rows)s;
