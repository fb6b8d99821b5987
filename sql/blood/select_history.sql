-- name: select_history :scalar
-- GET /tests/<test_name>/history: one marker over time for a user, oldest first, each point
-- with its value, parsed number and reference band, and the definition's own band.
-- Params: customer_id, test_name (any letter case), start_date, end_date (NULL = open).
-- Returns the JSON text of {definition, points}; NULL when no test has that name.
-- Index: test_definitions_test_name_key; blood_tests_natural_key.
SELECT
    json_build_object(
        'definition', blood.definition_json(d),
        'points', coalesce(
            (
                -- d is the outer definition row, passed whole to result_json.
                SELECT json_agg(blood.result_json(t, d) ORDER BY t.test_date) -- noqa: RF03
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
