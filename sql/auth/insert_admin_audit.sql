-- name: insert_admin_audit :none
-- Records an administrative action that is not a change of the user row (export, erase).
-- Params: actor_customer_id (NULL from the command line), via, target_customer_id, action,
-- detail (jsonb object), request_id. Returns rows inserted (1). Index: none read.
INSERT INTO aiapp.admin_audit (
    actor_customer_id, via, target_customer_id, action, detail, request_id
)
VALUES (
    %(actor_customer_id)s, %(via)s, %(target_customer_id)s, %(action)s, %(detail)s,
    %(request_id)s
);
