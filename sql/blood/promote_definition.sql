-- name: promote_definition :scalar
-- POST /definitions/<definition_id>/promote (admin): makes a user's own test part of the
-- shared catalogue, under a new category when one is given; its results stay where they are.
-- Params: definition_id, category (NULL = keep). Returns the JSON text of the definition;
-- NULL when no own test has that id. A name the catalogue already has raises
-- test_definitions_test_name_key; an alias or LOINC code it already has, definition_keys_pkey.
-- Index: test_definitions primary key; definition_keys primary key.
UPDATE test_definitions AS d
SET
    customer_id = NULL,
    category = coalesce(%(category)s::text, d.category)
WHERE d.id = %(definition_id)s AND d.customer_id IS NOT NULL
RETURNING blood.definition_json(d)::text;
