-- name: insert_health_read :none
-- Records one read of a user's health data: whose (customer_id, the acted-for user), by whose
-- token (reader_customer_id), which dataset and route, the request id. Queued by the auth guard
-- with the request's first statement, in its transaction. Schema-qualified: it may travel with
-- a statement of another schema's pool.
-- Params: customer_id, reader_customer_id, dataset, route, request_id.
-- Returns rows inserted (1). Index: none read; health_reads primary key maintained.
INSERT INTO aiapp.health_reads (customer_id, reader_customer_id, dataset, route, request_id)
VALUES (
    %(customer_id)s, %(reader_customer_id)s, %(dataset)s, %(route)s, %(request_id)s
);
