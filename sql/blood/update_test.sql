-- name: update_test :one
-- PATCH /tests/<test_id>: changes the fields that were sent of one of the user's results; the
-- derived columns follow and the value is converted again to the test's unit (a unit set to
-- null means the test's default unit). Params: customer_id, test_id, patch (jsonb; the keys
-- test_date, result_value, result_unit, reference_range: absent keeps, null clears).
-- Returns found (the user has that result), accepted (the units the test takes when the new
-- unit is not one of them, else NULL; nothing is changed then) and item (the JSON text of
-- the changed result, NULL when nothing changed). A date that collides with another result
-- of the same test raises blood_tests_natural_key. Index: blood_tests primary key.
WITH target AS (
    SELECT
        t.customer_id,
        t.id,
        d.id AS definition_id,
        d.default_unit,
        CASE
            WHEN %(patch)s::jsonb ? 'result_unit' THEN coalesce(p.result_unit, d.default_unit)
            ELSE t.result_unit
        END AS unit,
        CASE
            WHEN %(patch)s::jsonb ? 'result_value' THEN p.result_value ELSE t.result_value
        END AS value,
        CASE WHEN %(patch)s::jsonb ? 'test_date' THEN p.test_date ELSE t.test_date END AS day,
        CASE
            WHEN %(patch)s::jsonb ? 'reference_range' THEN p.reference_range
            ELSE t.reference_range
        END AS reference_range
    FROM blood_tests AS t
    INNER JOIN test_definitions AS d ON t.test_definition_id = d.id
    CROSS JOIN jsonb_populate_record(NULL::blood_tests, %(patch)s::jsonb) AS p
    WHERE t.customer_id = %(customer_id)s AND t.id = %(test_id)s
),

converted AS (
    SELECT
        g.*,
        blood.unit_conversion(g.definition_id, g.default_unit, g.unit) AS conversion
    FROM target AS g
),

updated AS (
    UPDATE blood_tests AS t
    SET
        test_date = c.day,
        result_value = c.value,
        result_unit = c.unit,
        reference_range = c.reference_range,
        catalogue_value = trim_scale(
            round(blood.lab_number(c.value) * c.conversion[1] + c.conversion[2], 6)
        )
    FROM converted AS c
    WHERE t.customer_id = c.customer_id AND t.id = c.id AND c.conversion IS NOT NULL
    RETURNING t AS result, t.test_definition_id
)

SELECT
    exists(SELECT FROM target) AS found,
    (
        SELECT blood.accepted_units(c.definition_id, c.default_unit)
        FROM converted AS c
        WHERE c.conversion IS NULL
    ) AS accepted,
    (
        SELECT
            blood.result_json(
                u.result,
                d,
                (
                    SELECT a.sex FROM aiapp.users AS a
                    WHERE a.customer_id = %(customer_id)s
                ),
                'catalogue'
            )::text
        FROM updated AS u
        INNER JOIN test_definitions AS d ON u.test_definition_id = d.id
    ) AS item;
