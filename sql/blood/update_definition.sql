-- name: update_definition :scalar
-- PATCH /definitions/<definition_id> (admin): changes the fields that were sent of a shared
-- test or of any user's own test; a field not sent keeps its value (aliases are replaced as a
-- whole). Params: definition_id, each field (category, test_name, short_explanation,
-- long_explanation, default_unit, reference_low, reference_high, loinc_code, aliases,
-- reference_low_female, reference_high_female, reference_low_male, reference_high_male,
-- critical_low, critical_high, range_source) and a set_<field> flag per field saying whether
-- it was sent. Returns the JSON text of the definition; NULL for an unknown id.
-- Raises test_definitions_test_name_key for a taken name, definition_keys_pkey for a name,
-- alias or LOINC code of another test, and a *_band_check when a low end would exceed its
-- high end. Index: test_definitions primary key; definition_keys primary key.
UPDATE test_definitions AS d
SET
    category = CASE WHEN %(set_category)s THEN %(category)s::text ELSE category END,
    test_name = CASE WHEN %(set_test_name)s THEN %(test_name)s::text ELSE test_name END,
    short_explanation = CASE
        WHEN %(set_short_explanation)s THEN %(short_explanation)s::text ELSE short_explanation
    END,
    long_explanation = CASE
        WHEN %(set_long_explanation)s THEN %(long_explanation)s::text ELSE long_explanation
    END,
    default_unit = CASE WHEN %(set_default_unit)s THEN %(default_unit)s::text ELSE default_unit END,
    reference_low = CASE
        WHEN %(set_reference_low)s THEN %(reference_low)s::numeric ELSE reference_low
    END,
    reference_high = CASE
        WHEN %(set_reference_high)s THEN %(reference_high)s::numeric ELSE reference_high
    END,
    loinc_code = CASE WHEN %(set_loinc_code)s THEN %(loinc_code)s::text ELSE loinc_code END,
    aliases = CASE WHEN %(set_aliases)s THEN %(aliases)s::text[] ELSE aliases END,
    reference_low_female = CASE
        WHEN %(set_reference_low_female)s THEN %(reference_low_female)s::numeric ELSE
            reference_low_female
    END,
    reference_high_female = CASE
        WHEN %(set_reference_high_female)s THEN %(reference_high_female)s::numeric ELSE
            reference_high_female
    END,
    reference_low_male = CASE
        WHEN %(set_reference_low_male)s THEN %(reference_low_male)s::numeric ELSE reference_low_male
    END,
    reference_high_male = CASE
        WHEN %(set_reference_high_male)s THEN %(reference_high_male)s::numeric ELSE
            reference_high_male
    END,
    critical_low = CASE
        WHEN %(set_critical_low)s THEN %(critical_low)s::numeric ELSE critical_low
    END,
    critical_high = CASE
        WHEN %(set_critical_high)s THEN %(critical_high)s::numeric ELSE critical_high
    END,
    range_source = CASE WHEN %(set_range_source)s THEN %(range_source)s::text ELSE range_source END
WHERE d.id = %(definition_id)s
RETURNING blood.definition_json(d)::text;
