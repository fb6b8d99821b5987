-- name: upsert_panel :one
-- POST /tests: one lab panel (one date, many results) in one statement. Each result names its
-- test in any letter case; a result without a unit takes the definition's default unit. When
-- any test name is unknown nothing is written. A result already stored for the same user, test
-- and date is replaced (upsert on blood_tests_natural_key).
-- Params: customer_id, test_date, results (a JSON array of {test_name, result_value,
-- result_unit, reference_range}; test names are distinct).
-- Returns unknown (0-based positions of unknown test names, NULL when all are known) and items
-- (JSON text of the stored results with their definitions and derived columns, by category and
-- test name). Index: test_definitions_test_name_key; blood_tests_natural_key.
WITH submitted AS (
    SELECT
        e.position - 1 AS position,
        e.item ->> 'test_name' AS test_name,
        e.item ->> 'result_value' AS result_value,
        e.item ->> 'result_unit' AS result_unit,
        e.item ->> 'reference_range' AS reference_range
    FROM jsonb_array_elements(%(results)s) WITH ORDINALITY AS e (item, position)
),

resolved AS (
    SELECT
        s.*,
        d.id AS test_definition_id,
        d.default_unit
    FROM submitted AS s
    LEFT JOIN test_definitions AS d ON lower(s.test_name) = lower(d.test_name)
),

saved AS (
    INSERT INTO blood_tests AS t (
        customer_id, test_definition_id, test_date, result_value, result_unit, reference_range
    )
    SELECT
        %(customer_id)s::bigint AS customer_id,
        r.test_definition_id,
        %(test_date)s::date AS test_date,
        r.result_value,
        coalesce(r.result_unit, r.default_unit) AS result_unit,
        r.reference_range
    FROM resolved AS r
    WHERE
        NOT EXISTS (
            SELECT FROM resolved AS u
            WHERE u.test_definition_id IS NULL
        )
    ON CONFLICT (customer_id, test_definition_id, test_date) DO UPDATE
        SET
            result_value = excluded.result_value,
            result_unit = excluded.result_unit,
            reference_range = excluded.reference_range
    RETURNING t.*
)

SELECT
    (
        SELECT array_agg(u.position ORDER BY u.position)
        FROM resolved AS u
        WHERE u.test_definition_id IS NULL
    ) AS unknown,
    (
        SELECT
            coalesce(
                json_agg(
                    blood.result_json(s::blood_tests, d) ORDER BY d.category, lower(d.test_name)
                ),
                '[]'
            )::text
        FROM saved AS s
        INNER JOIN test_definitions AS d ON s.test_definition_id = d.id
    ) AS items;
