-- name: upsert_imported_tests :one
-- Last step of the CSV import, one statement: adds the tests the catalogue lacks under the
-- given category (default unit from the first row naming it), then upserts every imported row
-- as the user's result (a row without a unit takes the definition's default unit). Rows are
-- distinct by (test name in any case, date).
-- Params: customer_id, category. Returns saved (results written), new_definitions (names
-- added to the catalogue). Index: test_definitions_test_name_key; blood_tests_natural_key.
WITH added AS (
    INSERT INTO test_definitions (category, test_name, default_unit)
    SELECT DISTINCT ON (lower(i.test_name))
        %(category)s::text AS category,
        i.test_name,
        i.result_unit
    FROM import_rows AS i
    WHERE
        NOT EXISTS (
            SELECT FROM test_definitions AS d
            WHERE lower(d.test_name) = lower(i.test_name)
        )
    ORDER BY lower(i.test_name), i.line
    RETURNING id, test_name, default_unit
),

definitions AS (
    SELECT
        d.id,
        d.test_name,
        d.default_unit
    FROM test_definitions AS d
    WHERE lower(d.test_name) IN (SELECT lower(i.test_name) FROM import_rows AS i)
    UNION ALL
    SELECT
        a.id,
        a.test_name,
        a.default_unit
    FROM added AS a
),

saved AS (
    INSERT INTO blood_tests AS t (
        customer_id, test_definition_id, test_date, result_value, result_unit, reference_range
    )
    SELECT
        %(customer_id)s::bigint AS customer_id,
        d.id AS test_definition_id,
        i.test_date,
        i.result_value,
        coalesce(i.result_unit, d.default_unit) AS result_unit,
        i.reference_range
    FROM import_rows AS i
    INNER JOIN definitions AS d ON lower(i.test_name) = lower(d.test_name)
    ON CONFLICT (customer_id, test_definition_id, test_date) DO UPDATE
        SET
            result_value = excluded.result_value,
            result_unit = excluded.result_unit,
            reference_range = excluded.reference_range
    RETURNING t.id
)

SELECT
    (SELECT count(*) FROM saved) AS saved,
    (
        SELECT coalesce(array_agg(a.test_name ORDER BY lower(a.test_name)), '{}')
        FROM added AS a
    ) AS new_definitions;
