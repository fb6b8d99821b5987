-- name: select_history :scalar
-- GET /tests/<test_name>/history: one marker over time for a user, oldest first. The name is
-- matched like a panel's (name, alias or LOINC code, any letter case and spacing; the shared
-- catalogue first, then the user's own tests, never another user's). Each point carries its
-- value in the unit asked for and its flag with the range it was read against.
-- Params: customer_id, test_name, start_date, end_date (NULL = open), units ('catalogue' or
-- 'as_sent'). Returns the JSON text of {definition, units, unit, points}; NULL when no test
-- of the user's has that name. Index: definition_keys primary key; test_definitions primary
-- key; blood_tests_natural_key.
WITH matched AS (
    SELECT d AS definition
    FROM definition_keys AS k
    INNER JOIN test_definitions AS d ON k.test_definition_id = d.id
    WHERE
        k.owner_id IN (0, %(customer_id)s)
        AND k.match_key = blood.match_key(%(test_name)s)
    ORDER BY k.owner_id
    LIMIT 1
)

SELECT
    json_build_object(
        'definition', blood.definition_json(m.definition),
        'units', %(units)s::text,
        'unit', CASE WHEN %(units)s::text = 'catalogue' THEN (m.definition).default_unit END,
        'points', coalesce(
            (
                SELECT
                    json_agg(
                        blood.result_json(t, m.definition, u.sex, %(units)s::text)
                        ORDER BY t.test_date
                    )
                FROM blood_tests AS t
                LEFT JOIN aiapp.users AS u ON t.customer_id = u.customer_id
                WHERE
                    t.customer_id = %(customer_id)s
                    AND t.test_definition_id = (m.definition).id
                    AND (%(start_date)s::date IS NULL OR t.test_date >= %(start_date)s::date)
                    AND (%(end_date)s::date IS NULL OR t.test_date <= %(end_date)s::date)
            ),
            '[]'
        )
    )::text
FROM matched AS m;
