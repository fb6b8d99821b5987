-- name: insert_fighter_candidate :one
-- Queues a fighter to be looked up and added (what the original sent to AWS SQS).
-- Params: customer_id (who asked), full_name, description, dwcs_info.
-- Returns its id and the candidate as JSON text (candidate_json, migration 0023).
-- Index: none needed (insert).
INSERT INTO fighter_candidates (customer_id, full_name, description, dwcs_info)
VALUES (%(customer_id)s, %(full_name)s, %(description)s, %(dwcs_info)s)
RETURNING id, candidate_json(fighter_candidates)::text AS candidate;
