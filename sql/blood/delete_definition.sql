-- name: delete_definition :one
-- DELETE /definitions/<definition_id> (admin): removes a test no result uses (its keys and
-- unit conversions go with it). Params: definition_id. Returns found (the test exists),
-- results (how many results, of every user, use it) and deleted (it was removed: only when
-- results is 0). A result written meanwhile makes the delete fail on
-- blood_tests_test_definition_id_fkey. Index: test_definitions primary key;
-- blood_tests_test_definition_id_idx.
WITH used AS (
    SELECT count(*) AS results
    FROM blood_tests AS t
    WHERE t.test_definition_id = %(definition_id)s
),

deleted AS (
    DELETE FROM test_definitions AS d
    WHERE d.id = %(definition_id)s AND (SELECT u.results FROM used AS u) = 0
    RETURNING d.id
)

SELECT
    exists(
        SELECT FROM test_definitions AS d
        WHERE d.id = %(definition_id)s
    ) AS found,
    (SELECT u.results FROM used AS u) AS results,
    exists(SELECT FROM deleted) AS deleted;
