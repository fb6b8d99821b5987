-- name: upsert_panel :one
-- POST /tests: one lab panel (one date, many results) in one statement. Each result's
-- test_name is matched by name, alias or LOINC code in any letter case and spacing, the
-- shared catalogue first, then the user's own tests; a name that matches nothing becomes a
-- new own test of the user (category 'Own tests', its unit the one sent), unless strict.
-- Each value is stored as sent and converted to the test's default unit. Nothing is written
-- when any result is refused: an unknown name under strict, a unit the test does not take,
-- or two results naming one test. A result already stored for the same user, test and date
-- is replaced (upsert on blood_tests_natural_key).
-- Params: customer_id, test_date, results (a JSON array of {test_name, result_value,
-- result_unit, reference_range}), strict (true: unknown names are refused).
-- Returns unknown (0-based positions of unknown names under strict, else NULL), bad_units
-- (JSON text of [{position, test_name, accepted}] or NULL), repeated (JSON text of
-- [{position, test_name}] for results naming a test an earlier one named, or NULL) and items
-- (JSON text of the stored results, by category and test name, values in the catalogue's
-- unit). Index: definition_keys primary key; test_definitions primary key;
-- unit_conversions primary key; blood_tests_natural_key.
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
        d.test_name AS definition_name,
        d.default_unit,
        blood.unit_conversion(d.id, d.default_unit, s.result_unit) AS conversion,
        row_number() OVER (PARTITION BY d.id ORDER BY s.position) AS mention
    FROM submitted AS s
    LEFT JOIN LATERAL (
        SELECT k.test_definition_id
        FROM definition_keys AS k
        WHERE
            k.owner_id IN (0, %(customer_id)s)
            AND k.match_key = blood.match_key(s.test_name)
        ORDER BY k.owner_id
        LIMIT 1
    ) AS m ON TRUE
    LEFT JOIN test_definitions AS d ON m.test_definition_id = d.id
),

refused AS (
    SELECT
        (
            SELECT array_agg(r.position ORDER BY r.position)
            FROM resolved AS r
            WHERE r.test_definition_id IS NULL AND %(strict)s
        ) AS unknown,
        (
            SELECT
                json_agg(
                    json_build_object(
                        'position', r.position,
                        'test_name', r.definition_name,
                        'accepted', blood.accepted_units(r.test_definition_id, r.default_unit)
                    ) ORDER BY r.position
                )
            FROM resolved AS r
            WHERE r.test_definition_id IS NOT NULL AND r.conversion IS NULL
        ) AS bad_units,
        (
            SELECT
                json_agg(
                    json_build_object('position', r.position, 'test_name', r.definition_name)
                    ORDER BY r.position
                )
            FROM resolved AS r
            WHERE r.test_definition_id IS NOT NULL AND r.mention > 1
        ) AS repeated
),

added AS (
    INSERT INTO test_definitions AS d (customer_id, category, test_name, default_unit)
    SELECT
        %(customer_id)s::bigint AS customer_id,
        'Own tests' AS category,
        r.test_name,
        r.result_unit
    FROM resolved AS r
    CROSS JOIN refused AS f
    WHERE
        r.test_definition_id IS NULL
        AND f.unknown IS NULL
        AND f.bad_units IS NULL
        AND f.repeated IS NULL
    RETURNING d AS definition, d.id, d.test_name
),

stored AS (
    SELECT
        r.result_value,
        r.reference_range,
        coalesce(r.test_definition_id, a.id) AS test_definition_id,
        coalesce(r.result_unit, r.default_unit) AS result_unit,
        coalesce(r.conversion, ARRAY[1, 0]::numeric[]) AS conversion
    FROM resolved AS r
    LEFT JOIN added AS a
        ON
            r.test_definition_id IS NULL
            AND blood.match_key(r.test_name) = blood.match_key(a.test_name)
),

saved AS (
    INSERT INTO blood_tests AS t (
        customer_id, test_definition_id, test_date, result_value, result_unit, reference_range,
        catalogue_value
    )
    SELECT
        %(customer_id)s::bigint AS customer_id,
        s.test_definition_id,
        %(test_date)s::date AS test_date,
        s.result_value,
        s.result_unit,
        s.reference_range,
        trim_scale(round(blood.lab_number(s.result_value) * s.conversion[1] + s.conversion[2], 6))
            AS catalogue_value
    FROM stored AS s
    CROSS JOIN refused AS f
    WHERE f.unknown IS NULL AND f.bad_units IS NULL AND f.repeated IS NULL
    ON CONFLICT (customer_id, test_definition_id, test_date) DO UPDATE
        SET
            result_value = excluded.result_value,
            result_unit = excluded.result_unit,
            reference_range = excluded.reference_range,
            catalogue_value = excluded.catalogue_value
    RETURNING t AS result, t.test_definition_id
),

definitions AS (
    SELECT
        d AS definition,
        d.id
    FROM test_definitions AS d
    WHERE d.id IN (SELECT r.test_definition_id FROM resolved AS r)
    UNION ALL
    SELECT
        a.definition,
        a.id
    FROM added AS a
)

SELECT
    f.unknown,
    f.bad_units::text AS bad_units,
    f.repeated::text AS repeated,
    (
        SELECT
            coalesce(
                json_agg(
                    blood.result_json(
                        s.result,
                        x.definition,
                        (
                            SELECT u.sex FROM aiapp.users AS u
                            WHERE u.customer_id = %(customer_id)s
                        ),
                        'catalogue'
                    ) ORDER BY (x.definition).category, lower((x.definition).test_name)
                ),
                '[]'
            )::text
        FROM saved AS s
        INNER JOIN definitions AS x ON s.test_definition_id = x.id
    ) AS items
FROM refused AS f;
