-- name: list_health_reads :one
-- Who read one user's health data, newest first, keyset-paginated by read_id.
-- Params: customer_id, reader_customer_id (NULL = every reader), before (read_id cursor, NULL =
-- newest), max_rows.
-- Returns data, a JSON array of the reads, and returned, how many it holds.
-- Index: health_reads primary key (customer_id, read_id).
SELECT
    coalesce(
        json_agg(
            json_build_object(
                'read_id', page.read_id,
                'customer_id', page.customer_id,
                'reader_customer_id', page.reader_customer_id,
                'acted_for', page.reader_customer_id <> page.customer_id,
                'dataset', page.dataset,
                'route', page.route,
                'request_id', page.request_id,
                'read_at', page.read_at
            )
            ORDER BY page.read_id DESC
        ),
        '[]'
    )::text AS data,
    count(*) AS returned
FROM (
    SELECT
        r.read_id,
        r.customer_id,
        r.reader_customer_id,
        r.dataset,
        r.route,
        r.request_id,
        r.read_at
    FROM aiapp.health_reads AS r
    WHERE
        r.customer_id = %(customer_id)s
        AND (
            %(reader_customer_id)s::bigint IS NULL
            OR r.reader_customer_id = %(reader_customer_id)s
        )
        AND (%(before)s::bigint IS NULL OR r.read_id < %(before)s)
    ORDER BY r.read_id DESC
    LIMIT %(max_rows)s
) AS page;
