-- name: insert_definition :scalar
-- POST /definitions (admin): adds a test to the shared catalogue. Params: category, test_name,
-- short_explanation, long_explanation, default_unit, reference_low, reference_high,
-- loinc_code, aliases, reference_low_female, reference_high_female, reference_low_male,
-- reference_high_male, critical_low, critical_high, range_source.
-- Returns the JSON text of the definition. A name taken in any letter case and spacing raises
-- test_definitions_test_name_key; a name, alias or LOINC code that already names another
-- test raises definition_keys_pkey (from the trigger that writes the keys).
-- Index: test_definitions_test_name_key; definition_keys primary key.
INSERT INTO test_definitions AS d (
    category, test_name, short_explanation, long_explanation, default_unit,
    reference_low, reference_high, loinc_code, aliases, reference_low_female,
    reference_high_female, reference_low_male, reference_high_male, critical_low, critical_high,
    range_source
)
VALUES (
    %(category)s, %(test_name)s, %(short_explanation)s, %(long_explanation)s, %(default_unit)s,
    %(reference_low)s, %(reference_high)s, %(loinc_code)s, %(aliases)s,
    %(reference_low_female)s, %(reference_high_female)s, %(reference_low_male)s,
    %(reference_high_male)s, %(critical_low)s, %(critical_high)s, %(range_source)s
)
RETURNING blood.definition_json(d)::text;
