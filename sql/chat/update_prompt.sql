-- name: update_prompt :one
-- Changes the title and/or text of one of the caller's prompts (NULL = keep).
-- Params: customer_id, prompt_id, title, prompt. Returns the prompt, or no row when it is not
-- the caller's. Index: prompts primary key.
UPDATE prompts
SET
    title = coalesce(%(title)s, title),
    prompt = coalesce(%(prompt)s, prompt)
WHERE prompt_id = %(prompt_id)s AND customer_id = %(customer_id)s
RETURNING prompt_id, customer_id, title, prompt, created_at, updated_at;
