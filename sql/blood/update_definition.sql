-- name: update_definition :one
-- PATCH /definitions/<definition_id> (admin): changes the fields that were sent; a field not
-- sent keeps its value. Params: definition_id, each field (category, test_name,
-- short_explanation, long_explanation, default_unit, reference_low, reference_high, loinc_code)
-- and a set_<field> flag per field saying whether it was sent. Returns the definition, or no
-- row for an unknown id.
-- Raises test_definitions_test_name_key for a taken name and
-- test_definitions_reference_band_check when low would exceed high.
-- Index: test_definitions primary key.
UPDATE test_definitions
SET
    category = CASE WHEN %(set_category)s THEN %(category)s::text ELSE category END,
    test_name = CASE WHEN %(set_test_name)s THEN %(test_name)s::text ELSE test_name END,
    short_explanation = CASE
        WHEN %(set_short_explanation)s THEN %(short_explanation)s::text ELSE short_explanation
    END,
    long_explanation = CASE
        WHEN %(set_long_explanation)s THEN %(long_explanation)s::text ELSE long_explanation
    END,
    default_unit = CASE
        WHEN %(set_default_unit)s THEN %(default_unit)s::text ELSE default_unit
    END,
    reference_low = CASE
        WHEN %(set_reference_low)s THEN %(reference_low)s::numeric ELSE reference_low
    END,
    reference_high = CASE
        WHEN %(set_reference_high)s THEN %(reference_high)s::numeric ELSE reference_high
    END,
    loinc_code = CASE WHEN %(set_loinc_code)s THEN %(loinc_code)s::text ELSE loinc_code END
WHERE id = %(definition_id)s
RETURNING
    id, category, test_name, short_explanation, long_explanation, default_unit,
    reference_low, reference_high, loinc_code;
