-- name: update_prompt :scalar
-- Changes the title and/or text the patch names of one of the caller's prompts (absent
-- keeps; the schema drops the nulls the original's clients send for "keep").
-- Params: customer_id, prompt_id, patch (jsonb: title, prompt). Returns the prompt as JSON
-- text, or NULL when it is not the caller's. Index: prompts primary key.
UPDATE prompts AS t
SET
    title = CASE WHEN %(patch)s::jsonb ? 'title' THEN p.title ELSE t.title END,
    prompt = CASE WHEN %(patch)s::jsonb ? 'prompt' THEN p.prompt ELSE t.prompt END
FROM jsonb_populate_record(NULL::prompts, %(patch)s::jsonb) AS p
WHERE t.prompt_id = %(prompt_id)s AND t.customer_id = %(customer_id)s
RETURNING prompt_json(t)::text;
