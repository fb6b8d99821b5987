-- name: upsert_imported_tests :one
-- Last step of the CSV import, one statement. Each row's test name is matched like a panel's
-- (name, alias or LOINC code in any letter case and spacing; the shared catalogue first, then
-- the user's own tests); names that match nothing become own tests of the user under the
-- given category (unit from the first row naming it). Rows whose unit the test does not take,
-- and rows naming a test and date an earlier row already named, are left out and reported;
-- the others are upserted as the user's results, each value also converted to the test's
-- unit (a row without a unit takes the test's default unit).
-- Params: customer_id, category. Returns saved (results written), new_definitions (names of
-- the own tests added), bad_units (JSON text of [{line, test_name, accepted}]) and repeated
-- (JSON text of [{line, first_line}]).
-- Index: definition_keys primary key; test_definitions primary key; blood_tests_natural_key.
WITH matched AS (
    SELECT
        i.*,
        m.test_definition_id
    FROM import_rows AS i
    LEFT JOIN LATERAL (
        SELECT k.test_definition_id
        FROM definition_keys AS k
        WHERE
            k.owner_id IN (0, %(customer_id)s)
            AND k.match_key = blood.match_key(i.test_name)
        ORDER BY k.owner_id
        LIMIT 1
    ) AS m ON TRUE
),

added AS (
    INSERT INTO test_definitions (customer_id, category, test_name, default_unit)
    SELECT DISTINCT ON (blood.match_key(m.test_name))
        %(customer_id)s::bigint AS customer_id,
        %(category)s::text AS category,
        m.test_name,
        m.result_unit
    FROM matched AS m
    WHERE m.test_definition_id IS NULL
    ORDER BY blood.match_key(m.test_name), m.line
    RETURNING id, test_name, default_unit
),

resolved AS (
    SELECT
        m.line,
        m.test_date,
        m.result_value,
        m.reference_range,
        coalesce(d.id, a.id) AS test_definition_id,
        coalesce(d.test_name, a.test_name) AS definition_name,
        coalesce(d.default_unit, a.default_unit) AS default_unit,
        coalesce(m.result_unit, d.default_unit, a.default_unit) AS result_unit,
        CASE
            WHEN d.id IS NOT NULL THEN blood.unit_conversion(d.id, d.default_unit, m.result_unit)
            WHEN
                m.result_unit IS NULL
                OR a.default_unit IS NULL
                OR blood.unit_key(m.result_unit) = blood.unit_key(a.default_unit)
                THEN ARRAY[1, 0]::numeric[]
        END AS conversion
    FROM matched AS m
    LEFT JOIN test_definitions AS d ON m.test_definition_id = d.id
    LEFT JOIN added AS a
        ON
            m.test_definition_id IS NULL
            AND blood.match_key(m.test_name) = blood.match_key(a.test_name)
),

ranked AS (
    SELECT
        r.*,
        first_value(r.line) OVER same_day AS first_line
    FROM resolved AS r
    WHERE r.conversion IS NOT NULL
    WINDOW same_day AS (PARTITION BY r.test_definition_id, r.test_date ORDER BY r.line)
),

saved AS (
    INSERT INTO blood_tests AS t (
        customer_id, test_definition_id, test_date, result_value, result_unit, reference_range,
        catalogue_value
    )
    SELECT
        %(customer_id)s::bigint AS customer_id,
        r.test_definition_id,
        r.test_date,
        r.result_value,
        r.result_unit,
        r.reference_range,
        trim_scale(
            round(blood.lab_number(r.result_value) * r.conversion[1] + r.conversion[2], 6)
        ) AS catalogue_value
    FROM ranked AS r
    WHERE r.line = r.first_line
    ON CONFLICT (customer_id, test_definition_id, test_date) DO UPDATE
        SET
            result_value = excluded.result_value,
            result_unit = excluded.result_unit,
            reference_range = excluded.reference_range,
            catalogue_value = excluded.catalogue_value
    RETURNING t.id
)

SELECT
    (SELECT count(*) FROM saved) AS saved,
    (
        SELECT coalesce(array_agg(a.test_name ORDER BY lower(a.test_name)), '{}')
        FROM added AS a
    ) AS new_definitions,
    (
        SELECT
            json_agg(
                json_build_object(
                    'line', r.line,
                    'test_name', r.definition_name,
                    'accepted', blood.accepted_units(r.test_definition_id, r.default_unit)
                ) ORDER BY r.line
            )::text
        FROM resolved AS r
        WHERE r.conversion IS NULL
    ) AS bad_units,
    (
        SELECT
            json_agg(
                json_build_object('line', r.line, 'first_line', r.first_line) ORDER BY r.line
            )::text
        FROM ranked AS r
        WHERE r.line <> r.first_line
    ) AS repeated;
