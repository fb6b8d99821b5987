-- name: update_test :scalar
-- PATCH /tests/<test_id>: changes the fields that were sent of one of the user's results; the
-- derived columns follow. Params: customer_id, test_id, test_date, result_value, result_unit,
-- reference_range, and set_test_date / set_result_value / set_result_unit /
-- set_reference_range saying which were sent. Returns the JSON text of the result with its
-- definition and derived columns; NULL when the user has no result with that id. A date that
-- collides with another result of the same test raises blood_tests_natural_key.
-- Index: blood_tests primary key.
UPDATE blood_tests AS t
SET
    test_date = CASE WHEN %(set_test_date)s THEN %(test_date)s::date ELSE t.test_date END,
    result_value = CASE
        WHEN %(set_result_value)s THEN %(result_value)s::text ELSE t.result_value
    END,
    result_unit = CASE
        WHEN %(set_result_unit)s THEN %(result_unit)s::text ELSE t.result_unit
    END,
    reference_range = CASE
        WHEN %(set_reference_range)s THEN %(reference_range)s::text ELSE t.reference_range
    END
FROM test_definitions AS d
WHERE
    t.id = %(test_id)s
    AND t.customer_id = %(customer_id)s
    AND t.test_definition_id = d.id
RETURNING blood.result_json(t, d)::text;
