-- name: select_legacy_tests :scalar
-- POST /legacy, action get_all_blood_tests: every result of a user, newest first, in the
-- original's legacy answer {code, success, message: {status: "completed", result: [...]}}.
-- Params: customer_id. Returns the JSON text. Index: blood_tests_customer_date_idx.
SELECT
    json_build_object(
        'code', 200,
        'success', TRUE,
        'message', json_build_object(
            'status', 'completed',
            'result', coalesce(
                json_agg(
                    json_build_object(
                        'id', t.id,
                        'test_date', t.test_date,
                        'result_value', t.result_value,
                        'result_unit', t.result_unit,
                        'reference_range', t.reference_range,
                        'category', d.category,
                        'test_name', d.test_name,
                        'short_explanation', d.short_explanation,
                        'long_explanation', d.long_explanation
                    ) ORDER BY t.test_date DESC, t.id DESC
                ),
                '[]'
            )
        )
    )::text
FROM blood_tests AS t
INNER JOIN test_definitions AS d ON t.test_definition_id = d.id
WHERE t.customer_id = %(customer_id)s;
