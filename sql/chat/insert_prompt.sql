-- name: insert_prompt :scalar
-- Saves a prompt. Params: customer_id, title, prompt. Returns the prompt as JSON text.
-- Index: none read (an insert).
INSERT INTO prompts AS p (customer_id, title, prompt)
VALUES (%(customer_id)s, %(title)s, %(prompt)s)
RETURNING prompt_json(p)::text;
