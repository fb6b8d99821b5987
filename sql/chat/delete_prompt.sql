-- name: delete_prompt :none
-- Deletes one of the caller's prompts. Params: customer_id, prompt_id.
-- Returns rows deleted (0 or 1). Index: prompts primary key.
DELETE FROM prompts
WHERE prompt_id = %(prompt_id)s AND customer_id = %(customer_id)s;
