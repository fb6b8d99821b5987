-- Undoes 0011.blood_catalogue. Own tests have no place in 0005's catalogue (one name for
-- everyone): they go, with their results. The shipped markers no result uses go too, so a
-- new upgrade ships them whole again; markers in use stay, as plain definitions.
DELETE FROM blood.blood_tests AS t
USING blood.test_definitions AS d
WHERE t.test_definition_id = d.id AND d.customer_id IS NOT NULL;

DELETE FROM blood.test_definitions AS d
WHERE
    (d.customer_id IS NOT NULL OR cardinality(d.aliases) > 0 OR d.range_source IS NOT NULL)
    AND NOT EXISTS (
        SELECT FROM blood.blood_tests AS t
        WHERE t.test_definition_id = d.id
    );

DROP FUNCTION blood.result_json(blood.blood_tests, blood.test_definitions, text, text);
CREATE FUNCTION blood.result_json(t blood.blood_tests, d blood.test_definitions)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'id', t.id,
    'test_definition_id', t.test_definition_id,
    'test_date', t.test_date,
    'result_value', t.result_value,
    'result_unit', t.result_unit,
    'reference_range', t.reference_range,
    'category', d.category,
    'test_name', d.test_name,
    'short_explanation', d.short_explanation,
    'long_explanation', d.long_explanation,
    'result_numeric', t.result_numeric,
    'result_comparator', t.result_comparator,
    'reference_low', t.reference_low,
    'reference_high', t.reference_high,
    'result_flag', t.result_flag,
    'out_of_range', t.out_of_range
);

CREATE OR REPLACE FUNCTION blood.definition_json(d blood.test_definitions)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'id', d.id,
    'category', d.category,
    'test_name', d.test_name,
    'short_explanation', d.short_explanation,
    'long_explanation', d.long_explanation,
    'default_unit', d.default_unit,
    'reference_low', d.reference_low,
    'reference_high', d.reference_high,
    'loinc_code', d.loinc_code
);

DROP FUNCTION blood.catalogue_band(blood.test_definitions, text);
DROP FUNCTION blood.band_flag(numeric, text, numeric, numeric);
DROP FUNCTION blood.accepted_units(bigint, text);
DROP FUNCTION blood.unit_conversion(bigint, text, text);
ALTER TABLE blood.blood_tests DROP COLUMN catalogue_value;
DROP TABLE blood.unit_conversions;
DROP TRIGGER test_definitions_sync_keys ON blood.test_definitions;
DROP FUNCTION blood.sync_definition_keys();
DROP TABLE blood.definition_keys;
DROP INDEX blood.test_definitions_customer_id_idx;
DROP INDEX blood.test_definitions_test_name_key;
ALTER TABLE blood.test_definitions
DROP COLUMN customer_id,
DROP COLUMN aliases,
DROP COLUMN reference_low_female,
DROP COLUMN reference_high_female,
DROP COLUMN reference_low_male,
DROP COLUMN reference_high_male,
DROP COLUMN critical_low,
DROP COLUMN critical_high,
DROP COLUMN range_source;
CREATE UNIQUE INDEX test_definitions_test_name_key ON blood.test_definitions (lower(test_name));
DROP FUNCTION blood.aliases_are_valid(text[]);
DROP FUNCTION blood.unit_key(text);
DROP FUNCTION blood.match_key(text);
ALTER TABLE aiapp.users DROP COLUMN sex;
