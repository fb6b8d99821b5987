-- name: list_prompts :scalar
-- The caller's saved prompts in creation order. Params: customer_id.
-- Returns {prompts} as JSON text. Index: prompts primary key (customer_id, prompt_id).
SELECT
    jsonb_build_object(
        'prompts', coalesce(jsonb_agg(prompt_json(p) ORDER BY p.prompt_id), '[]')
    )::text
FROM prompts AS p
WHERE p.customer_id = %(customer_id)s;
