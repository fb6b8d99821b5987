-- name: update_definition :scalar
-- PATCH /definitions/<definition_id> (admin): changes the fields the patch names of a shared
-- test or of any user's own test (absent keeps, null clears; aliases are replaced as a whole).
-- Params: definition_id, patch (jsonb keyed by column: category, test_name,
-- short_explanation, long_explanation, default_unit, reference_low, reference_high,
-- loinc_code, aliases, reference_low_female, reference_high_female, reference_low_male,
-- reference_high_male, critical_low, critical_high, range_source).
-- Returns the JSON text of the definition; NULL for an unknown id.
-- Raises test_definitions_test_name_key for a taken name, definition_keys_pkey for a name,
-- alias or LOINC code of another test, and a *_band_check when a low end would exceed its
-- high end. Index: test_definitions primary key; definition_keys primary key.
UPDATE test_definitions AS d
SET
    category = CASE WHEN %(patch)s::jsonb ? 'category' THEN p.category ELSE d.category END,
    test_name = CASE WHEN %(patch)s::jsonb ? 'test_name' THEN p.test_name ELSE d.test_name END,
    short_explanation = CASE
        WHEN %(patch)s::jsonb ? 'short_explanation' THEN p.short_explanation
        ELSE d.short_explanation
    END,
    long_explanation = CASE
        WHEN %(patch)s::jsonb ? 'long_explanation' THEN p.long_explanation ELSE d.long_explanation
    END,
    default_unit = CASE
        WHEN %(patch)s::jsonb ? 'default_unit' THEN p.default_unit ELSE d.default_unit
    END,
    reference_low = CASE
        WHEN %(patch)s::jsonb ? 'reference_low' THEN p.reference_low ELSE d.reference_low
    END,
    reference_high = CASE
        WHEN %(patch)s::jsonb ? 'reference_high' THEN p.reference_high ELSE d.reference_high
    END,
    loinc_code = CASE WHEN %(patch)s::jsonb ? 'loinc_code' THEN p.loinc_code ELSE d.loinc_code END,
    aliases = CASE WHEN %(patch)s::jsonb ? 'aliases' THEN p.aliases ELSE d.aliases END,
    reference_low_female = CASE
        WHEN %(patch)s::jsonb ? 'reference_low_female' THEN p.reference_low_female
        ELSE d.reference_low_female
    END,
    reference_high_female = CASE
        WHEN %(patch)s::jsonb ? 'reference_high_female' THEN p.reference_high_female
        ELSE d.reference_high_female
    END,
    reference_low_male = CASE
        WHEN %(patch)s::jsonb ? 'reference_low_male' THEN p.reference_low_male
        ELSE d.reference_low_male
    END,
    reference_high_male = CASE
        WHEN %(patch)s::jsonb ? 'reference_high_male' THEN p.reference_high_male
        ELSE d.reference_high_male
    END,
    critical_low = CASE
        WHEN %(patch)s::jsonb ? 'critical_low' THEN p.critical_low ELSE d.critical_low
    END,
    critical_high = CASE
        WHEN %(patch)s::jsonb ? 'critical_high' THEN p.critical_high ELSE d.critical_high
    END,
    range_source = CASE
        WHEN %(patch)s::jsonb ? 'range_source' THEN p.range_source ELSE d.range_source
    END
FROM jsonb_populate_record(NULL::test_definitions, %(patch)s::jsonb) AS p
WHERE d.id = %(definition_id)s
RETURNING blood.definition_json(d)::text;
