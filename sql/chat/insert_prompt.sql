-- name: insert_prompt :one
-- Saves a prompt. Params: customer_id, title, prompt. Returns the prompt.
-- Index: none read (an insert).
INSERT INTO prompts (customer_id, title, prompt)
VALUES (%(customer_id)s, %(title)s, %(prompt)s)
RETURNING prompt_id, customer_id, title, prompt, created_at, updated_at;
