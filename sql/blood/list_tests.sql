-- name: list_tests :one
-- GET /tests: a user's results with their definitions, newest first (test_date DESC, id DESC),
-- filtered and limited here; total_count and latest_test_date are taken over every matching
-- row before the limit (window functions run before LIMIT).
-- Params: customer_id, start_date, end_date, category (each NULL = no filter), max_rows
-- (the limit; NULL = all). Returns data (the JSON text of {items, total_count,
-- latest_test_date, filters}; filters is NULL when none was given), total_count and
-- latest_test_date.
-- Index: blood_tests_customer_date_idx; test_definitions primary key.
WITH matched AS (
    SELECT
        t.id,
        t.test_definition_id,
        t.test_date,
        t.result_value,
        t.result_unit,
        t.reference_range,
        d.category,
        d.test_name,
        d.short_explanation,
        d.long_explanation,
        count(*) OVER () AS total_count,
        max(t.test_date) OVER () AS latest_test_date
    FROM blood_tests AS t
    INNER JOIN test_definitions AS d ON t.test_definition_id = d.id
    WHERE
        t.customer_id = %(customer_id)s
        AND (%(start_date)s::date IS NULL OR t.test_date >= %(start_date)s::date)
        AND (%(end_date)s::date IS NULL OR t.test_date <= %(end_date)s::date)
        AND (%(category)s::text IS NULL OR d.category = %(category)s::text)
    ORDER BY t.test_date DESC, t.id DESC
    LIMIT %(max_rows)s
)

SELECT
    json_build_object(
        'items', coalesce(
            json_agg(
                json_build_object(
                    'id', m.id,
                    'test_definition_id', m.test_definition_id,
                    'test_date', m.test_date,
                    'result_value', m.result_value,
                    'result_unit', m.result_unit,
                    'reference_range', m.reference_range,
                    'category', m.category,
                    'test_name', m.test_name,
                    'short_explanation', m.short_explanation,
                    'long_explanation', m.long_explanation
                ) ORDER BY m.test_date DESC, m.id DESC
            ),
            '[]'
        ),
        'total_count', coalesce(max(m.total_count), 0),
        'latest_test_date', max(m.latest_test_date),
        'filters', CASE
            WHEN
                num_nonnulls(
                    %(start_date)s::date, %(end_date)s::date, %(category)s::text,
                    %(max_rows)s::integer
                ) > 0
                THEN json_build_object(
                    'start_date', %(start_date)s::date,
                    'end_date', %(end_date)s::date,
                    'category', %(category)s::text,
                    'limit', %(max_rows)s::integer
                )
        END
    )::text AS data,
    coalesce(max(m.total_count), 0) AS total_count,
    max(m.latest_test_date) AS latest_test_date
FROM matched AS m;
