-- name: list_latest :scalar
-- GET /latest: the user's most recent result of each test, with its flag, its value in the
-- unit asked for, the result before it and the change since then (in the same unit: NULL
-- when either value is not a number, or, as sent, when the two were sent in different
-- units), by category and test name.
-- Params: customer_id, category (NULL = every category), units ('catalogue' or 'as_sent').
-- Returns the JSON text of the results. Index: blood_tests_natural_key (the window walks each
-- test's results by date); test_definitions primary key.
WITH ranked AS (
    SELECT
        b AS result,
        b.test_definition_id,
        row_number() OVER recent AS recency,
        lead(b.test_date) OVER recent AS previous_date,
        lead(b.result_value) OVER recent AS previous_result_value,
        lead(b.result_unit) OVER recent AS previous_unit,
        CASE
            WHEN %(units)s::text = 'as_sent' THEN lead(b.result_numeric) OVER recent
            ELSE lead(b.catalogue_value) OVER recent
        END AS previous_value,
        CASE
            WHEN %(units)s::text = 'as_sent' THEN b.result_numeric ELSE b.catalogue_value
        END AS value
    FROM blood_tests AS b
    WHERE b.customer_id = %(customer_id)s
    WINDOW recent AS (PARTITION BY b.test_definition_id ORDER BY b.test_date DESC)
)

SELECT
    coalesce(
        json_agg(
            blood.result_json(r.result, d, u.sex, %(units)s::text)::jsonb
            || jsonb_build_object(
                'previous', CASE
                    WHEN r.previous_date IS NOT NULL
                        THEN jsonb_build_object(
                            'test_date', r.previous_date,
                            'result_value', r.previous_result_value,
                            'result_unit', r.previous_unit,
                            'value', r.previous_value
                        )
                END,
                'change', CASE
                    WHEN
                        %(units)s::text = 'catalogue'
                        OR blood.unit_key((r.result).result_unit)
                        IS NOT DISTINCT FROM blood.unit_key(r.previous_unit)
                        THEN r.value - r.previous_value
                END,
                'change_percent', CASE
                    WHEN
                        (
                            %(units)s::text = 'catalogue'
                            OR blood.unit_key((r.result).result_unit)
                            IS NOT DISTINCT FROM blood.unit_key(r.previous_unit)
                        )
                        AND r.previous_value <> 0
                        THEN round(100 * (r.value - r.previous_value) / abs(r.previous_value), 1)
                END
            )
            ORDER BY d.category, lower(d.test_name)
        ),
        '[]'
    )::text
FROM ranked AS r
INNER JOIN test_definitions AS d ON r.test_definition_id = d.id
LEFT JOIN aiapp.users AS u ON u.customer_id = %(customer_id)s
WHERE r.recency = 1 AND (%(category)s::text IS NULL OR d.category = %(category)s::text);
