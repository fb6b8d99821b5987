-- name: insert_access_log :none
-- Appends one row to the interaction log: who (customer_id, acting for; token_customer_id,
-- whose token), which patient (NULL when the request named none), the action, the answer's
-- status code and the request id. Runs at the end of every clinical request, after an error
-- has rolled the request's work back. Schema-qualified: behind a transaction-mode pooler the
-- search_path of the request's first transaction is gone after that rollback.
-- Params: customer_id, token_customer_id, patient_id, action, status_code, request_id.
-- Returns rows inserted (1). Index: none read; access_log's indexes are maintained.
INSERT INTO clinical.access_log (
    customer_id, token_customer_id, patient_id, action, status_code, request_id
)
VALUES (
    %(customer_id)s, %(token_customer_id)s, %(patient_id)s, %(action)s, %(status_code)s,
    %(request_id)s
);
