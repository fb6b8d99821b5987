-- name: insert_definition :one
-- POST /definitions (admin): adds a test to the catalogue. Params: category, test_name,
-- short_explanation, long_explanation, default_unit, reference_low, reference_high, loinc_code.
-- Returns the definition; a name taken in any letter case raises
-- test_definitions_test_name_key. Index: test_definitions_test_name_key.
INSERT INTO test_definitions (
    category, test_name, short_explanation, long_explanation, default_unit,
    reference_low, reference_high, loinc_code
)
VALUES (
    %(category)s, %(test_name)s, %(short_explanation)s, %(long_explanation)s, %(default_unit)s,
    %(reference_low)s, %(reference_high)s, %(loinc_code)s
)
RETURNING
    id, category, test_name, short_explanation, long_explanation, default_unit,
    reference_low, reference_high, loinc_code;
