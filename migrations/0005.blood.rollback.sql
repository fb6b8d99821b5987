DROP FUNCTION blood.result_json(blood.blood_tests, blood.test_definitions);
DROP FUNCTION blood.definition_json(blood.test_definitions);
DROP TABLE blood.blood_tests;
DROP TABLE blood.test_definitions;
DROP FUNCTION blood.result_flag(text, text);
DROP FUNCTION blood.reference_bounds(text);
DROP FUNCTION blood.lab_comparator(text);
DROP FUNCTION blood.lab_number(text);
