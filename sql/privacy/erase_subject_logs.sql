-- name: erase_subject_logs :many
-- Removes the clinical logs' references to one user: the access log's rows are kept with the
-- user's id replaced by a pseudonym, the interaction log's rows of their own records deleted
-- (clinical.erase_subject, migration 0016). Params: customer_id.
-- Returns table_name, removed, pseudonymised for each log. Index: access_log_customer_idx,
-- access_log_token_customer_idx, interaction_log_pkey, interaction_log_token_customer_idx.
SELECT
    e.table_name,
    e.removed,
    e.pseudonymised
FROM clinical.erase_subject(%(customer_id)s) AS e;
