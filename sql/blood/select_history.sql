-- name: select_history :scalar
-- GET /tests/<test_name>/history: one marker over time for a user, oldest first, each point
-- with its value, parsed number and reference band, and the definition's own band.
-- Params: customer_id, test_name (any letter case), start_date, end_date (NULL = open).
-- Returns the JSON text of {definition, points}; NULL when no test has that name.
-- Index: test_definitions_test_name_key; blood_tests_natural_key.
SELECT
    json_build_object(
        'definition', json_build_object(
            'id', d.id,
            'category', d.category,
            'test_name', d.test_name,
            'short_explanation', d.short_explanation,
            'long_explanation', d.long_explanation,
            'default_unit', d.default_unit,
            'reference_low', d.reference_low,
            'reference_high', d.reference_high,
            'loinc_code', d.loinc_code
        ),
        'points', coalesce(
            (
                SELECT
                    json_agg(
                        json_build_object(
                            'id', t.id,
                            'test_date', t.test_date,
                            'result_value', t.result_value,
                            'result_numeric', t.result_numeric,
                            'result_comparator', t.result_comparator,
                            'result_unit', t.result_unit,
                            'reference_range', t.reference_range,
                            'reference_low', t.reference_low,
                            'reference_high', t.reference_high,
                            'result_flag', t.result_flag,
                            'out_of_range', t.out_of_range
                        ) ORDER BY t.test_date
                    )
                FROM blood_tests AS t
                WHERE
                    t.customer_id = %(customer_id)s
                    AND t.test_definition_id = d.id
                    AND (%(start_date)s::date IS NULL OR t.test_date >= %(start_date)s::date)
                    AND (%(end_date)s::date IS NULL OR t.test_date <= %(end_date)s::date)
            ),
            '[]'
        )
    )::text
FROM test_definitions AS d
WHERE lower(d.test_name) = lower(%(test_name)s);
