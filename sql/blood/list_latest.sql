-- name: list_latest :scalar
-- GET /latest: the user's most recent result of each test, with its flag, by category and test
-- name. Params: customer_id, category (NULL = every category).
-- Returns the JSON text of the results with their definitions and derived columns.
-- Index: blood_tests_natural_key (DISTINCT ON walks it backwards per test); test_definitions
-- primary key.
SELECT
    coalesce(
        json_agg(
            json_build_object(
                'id', t.id,
                'test_definition_id', t.test_definition_id,
                'test_date', t.test_date,
                'result_value', t.result_value,
                'result_unit', t.result_unit,
                'reference_range', t.reference_range,
                'category', d.category,
                'test_name', d.test_name,
                'short_explanation', d.short_explanation,
                'long_explanation', d.long_explanation,
                'result_numeric', t.result_numeric,
                'result_comparator', t.result_comparator,
                'reference_low', t.reference_low,
                'reference_high', t.reference_high,
                'result_flag', t.result_flag,
                'out_of_range', t.out_of_range
            ) ORDER BY d.category, lower(d.test_name)
        ),
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
