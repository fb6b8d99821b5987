-- name: list_latest :scalar
-- GET /latest: the user's most recent result of each test, with its flag, by category and test
-- name. Params: customer_id, category (NULL = every category).
-- Returns the JSON text of the results with their definitions and derived columns.
-- Index: blood_tests_natural_key (DISTINCT ON walks it backwards per test); test_definitions
-- primary key.
SELECT
    coalesce(
        json_agg(blood.result_json(t::blood_tests, d) ORDER BY d.category, lower(d.test_name)),
        '[]'
    )::text
FROM (
    SELECT DISTINCT ON (b.test_definition_id) b.*
    FROM blood_tests AS b
    WHERE b.customer_id = %(customer_id)s
    ORDER BY b.test_definition_id DESC, b.test_date DESC
) AS t
INNER JOIN test_definitions AS d ON t.test_definition_id = d.id
WHERE %(category)s::text IS NULL OR d.category = %(category)s::text;
