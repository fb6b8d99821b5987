-- name: list_definitions :scalar
-- GET /definitions: the shared test catalogue and the acting user's own tests, grouped by
-- category (categories and tests in alphabetical order). Params: customer_id, category
-- (NULL = every category).
-- Returns the JSON text of [{category, definitions: [...]}]. Index: test_definitions_category_idx.
SELECT
    coalesce(
        json_agg(
            json_build_object('category', c.category, 'definitions', c.definitions)
            ORDER BY c.category
        ),
        '[]'
    )::text
FROM (
    SELECT
        d.category,
        json_agg(blood.definition_json(d) ORDER BY lower(d.test_name)) AS definitions
    FROM test_definitions AS d
    WHERE
        (d.customer_id IS NULL OR d.customer_id = %(customer_id)s)
        AND (%(category)s::text IS NULL OR d.category = %(category)s::text)
    GROUP BY d.category
) AS c;
