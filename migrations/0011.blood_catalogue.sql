-- depends: 0010.roles
-- Blood tests that work on a fresh install (issue 14):
--   * a shipped catalogue of common adult markers (the two tables at the end of this file);
--   * matching what labs print: a name, any alias or the LOINC code, in any letter case and
--     spacing, through blood.definition_keys, which a trigger keeps in step with each test;
--   * a user's own tests: a definition with customer_id set is private to that user; an admin
--     promotes it to the shared catalogue by clearing customer_id;
--   * units: every result keeps the unit it was sent in and its value in the catalogue's unit
--     (blood_tests.catalogue_value), converted with the marker's own factors;
--   * flags from the lab's printed range, else the catalogue's range for the user's sex (the
--     nullable aiapp.users.sex added here), else none, with critical limits on top.

-- The sex whose reference ranges apply to the user's results (NULL: not given, so markers
-- whose standard ranges differ by sex get no catalogue flag).
ALTER TABLE aiapp.users ADD COLUMN sex text CHECK (sex IN ('female', 'male'));

-- The key a test name, alias or LOINC code is matched by: letter case and every kind of
-- spacing ignored, so "LDL Cholesterol", "ldl cholesterol" and "LDLcholesterol" meet.
CREATE FUNCTION blood.match_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN lower(regexp_replace(name, '\s+', '', 'g'));

-- The key a unit is matched by: letter case, spacing and UCUM's annotation brackets ignored,
-- µ and μ read as u and ^ as *, so "µmol/L", "umol/l", "mIU/L", "m[IU]/L", "10^9/L" and
-- "10*9/L" are each one unit.
CREATE FUNCTION blood.unit_key(unit text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN lower(regexp_replace(translate(unit, 'µμ^[]{}_', 'uu*'), '\s+', '', 'g'));

-- An alias list as the catalogue keeps it: each alias trimmed, 1-100 characters.
CREATE FUNCTION blood.aliases_are_valid(aliases text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN coalesce(
    (SELECT bool_and(a = btrim(a) AND char_length(a) BETWEEN 1 AND 100) FROM unnest(aliases) AS a),
    TRUE
);

ALTER TABLE blood.test_definitions
-- The owner of an own test (private to that user); NULL for the shared catalogue.
ADD COLUMN customer_id bigint REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
ADD COLUMN aliases text[] NOT NULL DEFAULT '{}' CHECK (
    cardinality(aliases) <= 50 AND blood.aliases_are_valid(aliases)
),
-- Sex-specific reference ranges, in default_unit, for markers whose standard ranges differ by
-- sex; reference_low / reference_high hold the range of every other marker.
ADD COLUMN reference_low_female numeric,
ADD COLUMN reference_high_female numeric,
ADD COLUMN reference_low_male numeric,
ADD COLUMN reference_high_male numeric,
-- Values beyond these (in default_unit) are flagged critical_low / critical_high.
ADD COLUMN critical_low numeric,
ADD COLUMN critical_high numeric,
-- Where the ranges come from, named in every answer flagged against them.
ADD COLUMN range_source text CHECK (char_length(range_source) BETWEEN 1 AND 200),
ADD CONSTRAINT test_definitions_female_band_check CHECK (
    reference_low_female <= reference_high_female
),
ADD CONSTRAINT test_definitions_male_band_check CHECK (reference_low_male <= reference_high_male),
ADD CONSTRAINT test_definitions_critical_band_check CHECK (critical_low <= critical_high);

-- One shared test per name, and one own test per name and owner, in any letter case and
-- spacing (own tests of different users may share a name: one never learns of the other's).
DROP INDEX blood.test_definitions_test_name_key;
CREATE UNIQUE INDEX test_definitions_test_name_key ON blood.test_definitions (
    coalesce(customer_id, 0), blood.match_key(test_name)
);
-- A user's own tests (GET /definitions) and the cascade when a user is deleted.
CREATE INDEX test_definitions_customer_id_idx ON blood.test_definitions (customer_id)
WHERE customer_id IS NOT NULL;

-- Every key a test is matched by: its name, each alias and its LOINC code, under its owner
-- (0 for the shared catalogue, which no customer_id takes). The primary key makes a key name
-- one test only, so a printed name can never match two markers; it also serves the matching
-- of panel uploads, history and the CSV import.
CREATE TABLE blood.definition_keys (
    owner_id bigint NOT NULL,
    match_key text NOT NULL,
    test_definition_id bigint NOT NULL
    REFERENCES blood.test_definitions (id) ON DELETE CASCADE,
    PRIMARY KEY (owner_id, match_key)
);
-- The trigger below replaces a test's keys by test.
CREATE INDEX definition_keys_test_definition_id_idx ON blood.definition_keys (
    test_definition_id
);

CREATE FUNCTION blood.sync_definition_keys() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM blood.definition_keys WHERE test_definition_id = NEW.id;
    INSERT INTO blood.definition_keys (owner_id, match_key, test_definition_id)
    SELECT DISTINCT coalesce(NEW.customer_id, 0), blood.match_key(k), NEW.id
    FROM unnest(NEW.aliases || ARRAY[NEW.test_name, NEW.loinc_code]) AS k
    WHERE k IS NOT NULL;
    RETURN NULL;
END
$$;

CREATE TRIGGER test_definitions_sync_keys
AFTER INSERT OR UPDATE OF test_name, aliases, loinc_code, customer_id ON blood.test_definitions
FOR EACH ROW EXECUTE FUNCTION blood.sync_definition_keys();

-- Keys of the tests that already exist (on an empty install there are none).
INSERT INTO blood.definition_keys (owner_id, match_key, test_definition_id)
SELECT DISTINCT ON (blood.match_key(k.name))
    0 AS owner_id,
    blood.match_key(k.name) AS match_key,
    d.id AS test_definition_id
FROM blood.test_definitions AS d
CROSS JOIN LATERAL unnest(ARRAY[d.test_name, d.loinc_code]) AS k (name)
WHERE k.name IS NOT NULL
ORDER BY blood.match_key(k.name), d.id;

-- The other units a marker is commonly reported in: a value in `unit` times factor, plus
-- addend (only HbA1c's IFCC mmol/mol needs one), is the value in the test's default_unit.
-- The default unit itself is always accepted and is not listed.
CREATE TABLE blood.unit_conversions (
    test_definition_id bigint NOT NULL
    REFERENCES blood.test_definitions (id) ON DELETE CASCADE,
    unit text NOT NULL CHECK (unit = btrim(unit) AND char_length(unit) BETWEEN 1 AND 50),
    unit_key text GENERATED ALWAYS AS (blood.unit_key(unit)) STORED,
    factor numeric NOT NULL CHECK (factor > 0),
    addend numeric NOT NULL DEFAULT 0,
    -- Serves the unit lookup of every write.
    PRIMARY KEY (test_definition_id, unit_key)
);

-- The value in the catalogue's unit, worked out when the result is written (NULL when the
-- value is not a number).
ALTER TABLE blood.blood_tests ADD COLUMN catalogue_value numeric;
UPDATE blood.blood_tests AS t
SET catalogue_value = t.result_numeric
FROM blood.test_definitions AS d
WHERE
    t.test_definition_id = d.id
    AND blood.unit_key(t.result_unit) IS NOT DISTINCT FROM blood.unit_key(d.default_unit);

-- {factor, addend} that take a value in `unit` to the test's default unit; NULL when the test
-- does not accept the unit. No unit means the default unit. A test with neither a default
-- unit nor conversions (a dipstick reading, an own test first sent without a unit) takes
-- whatever unit the lab printed, as is.
CREATE FUNCTION blood.unit_conversion(
    for_definition bigint, default_unit text, sent_unit text
) RETURNS numeric[]
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE
    WHEN sent_unit IS NULL OR blood.unit_key(sent_unit) = blood.unit_key(default_unit)
        THEN ARRAY[1, 0]::numeric[]
    WHEN
        default_unit IS NULL
        AND NOT EXISTS (
            SELECT FROM blood.unit_conversions AS c
            WHERE c.test_definition_id = for_definition -- noqa: RF03
        )
        THEN ARRAY[1, 0]::numeric[]
    ELSE (
        SELECT ARRAY[c.factor, c.addend]
        FROM blood.unit_conversions AS c
        WHERE
            c.test_definition_id = for_definition -- noqa: RF03
            AND c.unit_key = blood.unit_key(sent_unit) -- noqa: RF03
    )
END;

-- The units a test accepts, its default unit first: what a 400 for an unknown unit names.
CREATE FUNCTION blood.accepted_units(for_definition bigint, default_unit text) RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
RETURN array_remove(ARRAY[default_unit], NULL) || array(
    SELECT c.unit FROM blood.unit_conversions AS c
    WHERE c.test_definition_id = for_definition -- noqa: RF03
    ORDER BY c.unit
);

-- 'low', 'normal' or 'high' for a number against a band, reading a censored value ("<0.5")
-- the way blood.result_flag does; NULL when it cannot be placed or there is no band.
CREATE FUNCTION blood.band_flag(x numeric, c text, lo numeric, hi numeric) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN x IS NULL OR (lo IS NULL AND hi IS NULL) THEN NULL
    WHEN (c IS NULL AND x < lo) OR (c = '<' AND x <= lo) OR (c = '<=' AND x < lo) THEN 'low'
    WHEN (c IS NULL AND x > hi) OR (c = '>' AND x >= hi) OR (c = '>=' AND x > hi) THEN 'high'
    WHEN c IS NULL THEN 'normal'
    WHEN c IN ('<', '<=') AND lo IS NULL AND x <= hi THEN 'normal'
    WHEN c IN ('>', '>=') AND hi IS NULL AND x >= lo THEN 'normal'
END;

-- {low, high} of the catalogue's range for a user of that sex: the sex's own range for a
-- marker whose ranges differ by sex (none when the sex is unknown or the marker has no
-- range for it), else the marker's one range; NULL when there is none.
CREATE FUNCTION blood.catalogue_band(d blood.test_definitions, sex text) RETURNS numeric[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN
        num_nonnulls(
            d.reference_low_female, d.reference_high_female,
            d.reference_low_male, d.reference_high_male
        ) = 0
        THEN CASE
            WHEN num_nonnulls(d.reference_low, d.reference_high) > 0
                THEN ARRAY[d.reference_low, d.reference_high]
        END
    WHEN sex = 'female' AND num_nonnulls(d.reference_low_female, d.reference_high_female) > 0
        THEN ARRAY[d.reference_low_female, d.reference_high_female]
    WHEN sex = 'male' AND num_nonnulls(d.reference_low_male, d.reference_high_male) > 0
        THEN ARRAY[d.reference_low_male, d.reference_high_male]
END;

-- A test of the catalogue as the API shows it, with its aliases, ranges and accepted units.
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
    'loinc_code', d.loinc_code,
    'aliases', d.aliases,
    'reference_low_female', d.reference_low_female,
    'reference_high_female', d.reference_high_female,
    'reference_low_male', d.reference_low_male,
    'reference_high_male', d.reference_high_male,
    'critical_low', d.critical_low,
    'critical_high', d.critical_high,
    'range_source', d.range_source,
    'own_test', d.customer_id IS NOT NULL,
    'units', coalesce(
        (
            SELECT
                json_agg(
                    json_build_object('unit', c.unit, 'factor', c.factor, 'addend', c.addend)
                    ORDER BY c.unit
                )
            FROM blood.unit_conversions AS c
            WHERE c.test_definition_id = d.id -- noqa: RF01
        ),
        '[]'
    )
);

-- A result as the API shows it: what the lab wrote, its definition, its value in the unit
-- asked for (units 'catalogue' or 'as_sent'), and its flag with the range it was read
-- against: the lab's printed range when it has one, else the catalogue's for the user's sex;
-- a value beyond the catalogue's critical limits is critical_low / critical_high either way.
DROP FUNCTION blood.result_json(blood.blood_tests, blood.test_definitions);
-- t, d and sex are the function's parameters, which the linter takes for missing tables.
-- noqa: disable=RF01,RF03
CREATE FUNCTION blood.result_json(
    t blood.blood_tests, d blood.test_definitions, sex text, units text
) RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN (
    WITH ranged AS (
        SELECT
            num_nonnulls(t.reference_low, t.reference_high) > 0 AS lab,
            blood.catalogue_band(d, sex) AS band,
            blood.band_flag(
                t.catalogue_value, t.result_comparator, d.critical_low, d.critical_high
            ) AS critical
    ),

    flagged AS (
        SELECT
            r.lab,
            r.band,
            CASE
                WHEN r.critical = 'low' THEN 'critical_low'
                WHEN r.critical = 'high' THEN 'critical_high'
                WHEN r.lab
                    THEN blood.band_flag(
                        t.result_numeric, t.result_comparator, t.reference_low, t.reference_high
                    )
                ELSE blood.band_flag(
                    t.catalogue_value, t.result_comparator, r.band[1], r.band[2]
                )
            END AS flag
        FROM ranged AS r
    )

    SELECT
        json_build_object(
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
            'loinc_code', d.loinc_code,
            'own_test', d.customer_id IS NOT NULL,
            'result_numeric', t.result_numeric,
            'result_comparator', t.result_comparator,
            'reference_low', t.reference_low,
            'reference_high', t.reference_high,
            'catalogue_value', t.catalogue_value,
            'catalogue_unit', d.default_unit,
            'units', units,
            'value', CASE WHEN units = 'as_sent' THEN t.result_numeric ELSE t.catalogue_value END,
            'unit', CASE WHEN units = 'as_sent' THEN t.result_unit ELSE d.default_unit END,
            'result_flag', f.flag,
            'out_of_range', f.flag <> 'normal',
            'flag_range', CASE
                WHEN f.lab
                    THEN json_build_object(
                        'source', 'lab',
                        'low', t.reference_low,
                        'high', t.reference_high,
                        'unit', t.result_unit,
                        'sex', NULL,
                        'reference', NULL
                    )
                WHEN f.band IS NOT NULL
                    THEN json_build_object(
                        'source', 'catalogue',
                        'low', f.band[1],
                        'high', f.band[2],
                        'unit', d.default_unit,
                        'sex', CASE
                            WHEN num_nonnulls(d.reference_low, d.reference_high) = 0 THEN sex
                        END,
                        'reference', d.range_source
                    )
            END
        )
    FROM flagged AS f
);
-- noqa: enable=RF01,RF03

-- The shipped catalogue: common adult markers, one row per marker. Columns: category | name |
-- LOINC | UCUM unit | low | high | female low | female high | male low | male high | critical
-- low | critical high | source of the range | aliases as labs print them (";"-separated,
-- other LOINC codes of the same analyte included, e.g. the molar-unit code).
-- Values are in the marker's unit; an empty cell is NULL. Ranges are typical adult intervals
-- for a fasting morning sample; every lab validates its own, which is why a range the lab
-- printed is always used first. The sources named in the rows:
--   NCEP ATP III 2002: the Third Report of the National Cholesterol Education Program
--     (lipid desirable/optimal cut-offs; HDL 40 mg/dL for men, 50 for women, AHA).
--   ADA 2024: American Diabetes Association, Standards of Care in Diabetes 2024 (fasting
--     glucose 70-99 mg/dL, HbA1c below 5.7 %).
--   KDIGO 2012: Kidney Disease: Improving Global Outcomes CKD guideline (eGFR below 60,
--     albumin/creatinine 30 mg/g and above).
--   Endocrine Society 2011: vitamin D clinical practice guideline (sufficiency 30-100 ng/mL).
--   AHA/CDC 2003: hs-CRP cardiovascular risk statement (above 3 mg/L: high risk).
--   EAS 2022: European Atherosclerosis Society Lp(a) consensus statement.
--   ESC 2021: European Society of Cardiology heart failure guideline (natriuretic peptide
--     rule-out thresholds).
--   Travison 2017: harmonized reference range for total testosterone in men (JCEM 102:1161).
--   Roche Elecsys: the assay maker's adult intervals (thyroid assays, pituitary hormones).
--   WHO 2011: haemoglobin thresholds for anaemia (12 g/dL women, 13 g/dL men).
--   typical adult: the consensus of standard references (Tietz Clinical Guide to
--     Laboratory Tests, Mayo Clinic Laboratories, MedlinePlus); labs differ by a few units.
-- Critical limits: Kost GJ, Critical limits for urgent clinician notification at US medical
-- centers, JAMA 1990;263:704 (mean limits, rounded); INR 5.0 from common hospital practice.
CREATE TEMPORARY TABLE seed_markers ON COMMIT DROP AS
SELECT
    btrim(split_part(line, '|', 1)) AS category,
    btrim(split_part(line, '|', 2)) AS test_name,
    btrim(split_part(line, '|', 3)) AS loinc_code,
    nullif(btrim(split_part(line, '|', 4)), '') AS default_unit,
    nullif(btrim(split_part(line, '|', 5)), '')::numeric AS reference_low,
    nullif(btrim(split_part(line, '|', 6)), '')::numeric AS reference_high,
    nullif(btrim(split_part(line, '|', 7)), '')::numeric AS reference_low_female,
    nullif(btrim(split_part(line, '|', 8)), '')::numeric AS reference_high_female,
    nullif(btrim(split_part(line, '|', 9)), '')::numeric AS reference_low_male,
    nullif(btrim(split_part(line, '|', 10)), '')::numeric AS reference_high_male,
    nullif(btrim(split_part(line, '|', 11)), '')::numeric AS critical_low,
    nullif(btrim(split_part(line, '|', 12)), '')::numeric AS critical_high,
    nullif(btrim(split_part(line, '|', 13)), '') AS range_source,
    array(
        SELECT btrim(a) FROM unnest(string_to_array(split_part(line, '|', 14), ';')) AS a
        WHERE btrim(a) <> ''
    ) AS aliases
FROM regexp_split_to_table($catalogue$
Lipids | Total cholesterol | 2093-3 | mg/dL | | 200 | | | | | | | NCEP ATP III 2002 | Cholesterol; Cholesterol total; Cholesterol, total; Total chol; TC; CHOL; Serum cholesterol; 14647-2
Lipids | LDL cholesterol | 2089-1 | mg/dL | | 100 | | | | | | | NCEP ATP III 2002 | LDL; LDL-C; LDL chol; Cholesterol LDL; LDL cholesterol calc; LDL cholesterol (calculated); LDL cholesterol direct; Low-density lipoprotein cholesterol; 13457-7; 18262-6; 22748-8
Lipids | HDL cholesterol | 2085-9 | mg/dL | | | 50 | | 40 | | | | NCEP ATP III 2002 | HDL; HDL-C; HDL chol; Cholesterol HDL; High-density lipoprotein cholesterol; 14646-4
Lipids | Triglycerides | 2571-8 | mg/dL | | 150 | | | | | | | NCEP ATP III 2002 | Triglyceride; TG; TRIG; Trigs; 14927-8
Lipids | Non-HDL cholesterol | 43396-1 | mg/dL | | 130 | | | | | | | NCEP ATP III 2002 | Non-HDL; Non-HDL-C; Non HDL cholesterol; Cholesterol non-HDL; 70204-3
Lipids | VLDL cholesterol | 13458-5 | mg/dL | 5 | 40 | | | | | | | typical adult | VLDL; VLDL-C; Cholesterol VLDL; VLDL cholesterol calc; 46986-6
Lipids | Cholesterol/HDL ratio | 9830-1 | {ratio} | | 5 | | | | | | | typical adult | Chol/HDL ratio; TC/HDL; TC/HDL ratio; Total cholesterol/HDL ratio; CHOL/HDL
Lipids | Lipoprotein(a) | 10835-7 | mg/dL | | 30 | | | | | | | EAS 2022 | Lp(a); Lipoprotein a; LPA
Lipids | Apolipoprotein B | 1884-6 | mg/dL | | 100 | | | | | | | typical adult | ApoB; Apo B; Apo B-100; Apolipoprotein B-100
Glucose and diabetes | Glucose | 2345-7 | mg/dL | 70 | 99 | | | | | 46 | 484 | ADA 2024 | Fasting glucose; Glucose, fasting; Glucose fasting; Fasting blood glucose; Fasting plasma glucose; FBG; FPG; Blood glucose; Blood sugar; Plasma glucose; GLU; 1558-6; 14749-6
Glucose and diabetes | Hemoglobin A1c | 4548-4 | % | 4.0 | 5.6 | | | | | | | ADA 2024 | HbA1c; Hb A1c; A1c; Haemoglobin A1c; Glycated hemoglobin; Glycated haemoglobin; Glycohemoglobin; Glycosylated hemoglobin; 17856-6; 59261-8
Glucose and diabetes | Insulin | 20448-7 | u[IU]/mL | 2.6 | 24.9 | | | | | | | typical adult | Fasting insulin; Insulin, fasting; Insulin fasting
Glucose and diabetes | C-peptide | 1986-9 | ng/mL | 1.1 | 4.4 | | | | | | | typical adult | C peptide; Connecting peptide
Glucose and diabetes | Fructosamine | 15069-8 | umol/L | 200 | 285 | | | | | | | typical adult | Fructosamine serum
Complete blood count | White blood cells | 6690-2 | 10*3/uL | 4.0 | 11.0 | | | | | 2.0 | 37.0 | typical adult | WBC; WBC count; White blood cell count; White cell count; Leukocytes; Leucocytes; Leukocyte count; 26464-8
Complete blood count | Red blood cells | 789-8 | 10*6/uL | | | 3.9 | 5.2 | 4.3 | 5.8 | | | typical adult | RBC; RBC count; Red blood cell count; Red cell count; Erythrocytes; Erythrocyte count; 26453-1
Complete blood count | Haemoglobin | 718-7 | g/dL | | | 12.0 | 15.5 | 13.5 | 17.5 | 6.6 | 19.9 | WHO 2011 | Hemoglobin; Hb; Hgb; HGB; 59260-0
Complete blood count | Haematocrit | 4544-3 | % | | | 35 | 46 | 40 | 52 | 18 | 61 | typical adult | Hematocrit; Hct; HCT; PCV; Packed cell volume
Complete blood count | MCV | 787-2 | fL | 80 | 100 | | | | | | | typical adult | Mean corpuscular volume; Mean cell volume
Complete blood count | MCH | 785-6 | pg | 27 | 33 | | | | | | | typical adult | Mean corpuscular hemoglobin; Mean corpuscular haemoglobin; Mean cell haemoglobin; 59468-9
Complete blood count | MCHC | 786-4 | g/dL | 32 | 36 | | | | | | | typical adult | Mean corpuscular hemoglobin concentration; Mean corpuscular haemoglobin concentration; Mean cell haemoglobin concentration
Complete blood count | RDW | 788-0 | % | 11.5 | 14.5 | | | | | | | typical adult | RDW-CV; Red cell distribution width; Erythrocyte distribution width; Red blood cell distribution width
Complete blood count | Platelets | 777-3 | 10*3/uL | 150 | 400 | | | | | 37 | 910 | typical adult | PLT; Platelet count; Thrombocytes; Thrombocyte count; 26515-7
Complete blood count | MPV | 32623-1 | fL | 7.5 | 12.5 | | | | | | | typical adult | Mean platelet volume
Complete blood count | Neutrophils absolute | 751-8 | 10*3/uL | 1.8 | 7.7 | | | | | | | typical adult | Neutrophils #; Neutrophils (absolute); Absolute neutrophils; Absolute neutrophil count; ANC; NEUT#
Complete blood count | Lymphocytes absolute | 731-0 | 10*3/uL | 1.0 | 4.8 | | | | | | | typical adult | Lymphocytes #; Lymphocytes (absolute); Absolute lymphocytes; Absolute lymphocyte count; LYMPH#
Complete blood count | Monocytes absolute | 742-7 | 10*3/uL | 0.2 | 1.0 | | | | | | | typical adult | Monocytes #; Monocytes (absolute); Absolute monocytes; MONO#
Complete blood count | Eosinophils absolute | 711-2 | 10*3/uL | 0.0 | 0.5 | | | | | | | typical adult | Eosinophils #; Eosinophils (absolute); Absolute eosinophils; EOS#
Complete blood count | Basophils absolute | 704-7 | 10*3/uL | 0.0 | 0.2 | | | | | | | typical adult | Basophils #; Basophils (absolute); Absolute basophils; BASO#
Complete blood count | Neutrophils % | 770-8 | % | 40 | 75 | | | | | | | typical adult | Neutrophils; Neutrophils percent; Neutrophils (%); NEUT%
Complete blood count | Lymphocytes % | 736-9 | % | 20 | 45 | | | | | | | typical adult | Lymphocytes; Lymphocytes percent; Lymphocytes (%); LYMPH%
Complete blood count | Monocytes % | 5905-5 | % | 2 | 10 | | | | | | | typical adult | Monocytes; Monocytes percent; Monocytes (%); MONO%
Complete blood count | Eosinophils % | 713-8 | % | 0 | 6 | | | | | | | typical adult | Eosinophils; Eosinophils percent; Eosinophils (%); EOS%
Complete blood count | Basophils % | 706-2 | % | 0 | 2 | | | | | | | typical adult | Basophils; Basophils percent; Basophils (%); BASO%
Complete blood count | Reticulocytes | 17849-1 | % | 0.5 | 2.5 | | | | | | | typical adult | Retic; Retics; Reticulocyte count; Reticulocytes %; 4679-7
Metabolic panel and electrolytes | Sodium | 2951-2 | mmol/L | 135 | 145 | | | | | 120 | 158 | typical adult | Na; Na+; Sodium serum; Serum sodium
Metabolic panel and electrolytes | Potassium | 2823-3 | mmol/L | 3.5 | 5.1 | | | | | 2.8 | 6.2 | typical adult | K; K+; Potassium serum; Serum potassium; 6298-4
Metabolic panel and electrolytes | Chloride | 2075-0 | mmol/L | 98 | 107 | | | | | | | typical adult | Cl; Cl-; Chloride serum; Serum chloride
Metabolic panel and electrolytes | Carbon dioxide | 2028-9 | mmol/L | 22 | 29 | | | | | 11 | 40 | typical adult | CO2; Total CO2; TCO2; Carbon dioxide total; Bicarbonate; HCO3; Bicarb; 1963-8
Metabolic panel and electrolytes | Calcium | 17861-6 | mg/dL | 8.6 | 10.3 | | | | | 6.6 | 12.9 | typical adult | Ca; Calcium total; Total calcium; Calcium serum; Serum calcium; 2000-8
Metabolic panel and electrolytes | Ionized calcium | 1995-0 | mmol/L | 1.15 | 1.33 | | | | | 0.78 | 1.58 | typical adult | iCa; Ca++; Calcium ionized; Ionised calcium; Free calcium; 1994-3
Metabolic panel and electrolytes | Phosphate | 2777-1 | mg/dL | 2.5 | 4.5 | | | | | 1.1 | 8.9 | typical adult | Phosphorus; Inorganic phosphorus; Phosphate serum; PO4; Phos
Metabolic panel and electrolytes | Magnesium | 19123-9 | mg/dL | 1.7 | 2.2 | | | | | 1.0 | 4.7 | typical adult | Mg; Magnesium serum; Serum magnesium; 2601-3
Metabolic panel and electrolytes | Total protein | 2885-2 | g/dL | 6.0 | 8.3 | | | | | | | typical adult | Protein total; Protein, total; Total protein serum; TP
Metabolic panel and electrolytes | Albumin | 1751-7 | g/dL | 3.5 | 5.0 | | | | | | | typical adult | ALB; Albumin serum; Serum albumin
Metabolic panel and electrolytes | Globulin | 10834-0 | g/dL | 2.0 | 3.5 | | | | | | | typical adult | Globulins; Globulin calc; Globulin, total
Metabolic panel and electrolytes | Albumin/globulin ratio | 1759-0 | {ratio} | 1.1 | 2.5 | | | | | | | typical adult | A/G ratio; AG ratio; A:G ratio
Metabolic panel and electrolytes | Anion gap | 33037-3 | mmol/L | 4 | 12 | | | | | | | typical adult | AG; Anion gap calc
Metabolic panel and electrolytes | Osmolality | 2692-2 | mosm/kg | 275 | 295 | | | | | | | typical adult | Serum osmolality; Osmolality serum; Plasma osmolality
Metabolic panel and electrolytes | Lactate | 2524-7 | mmol/L | 0.5 | 2.2 | | | | | | | typical adult | Lactic acid; Plasma lactate
Metabolic panel and electrolytes | Prealbumin | 14338-8 | mg/dL | 20 | 40 | | | | | | | typical adult | Transthyretin; PAB
Kidney | Creatinine | 2160-0 | mg/dL | | | 0.59 | 1.04 | 0.74 | 1.35 | | | typical adult | Creat; CREA; Cr; Creatinine serum; Serum creatinine; 14682-9
Kidney | Blood urea nitrogen | 3094-0 | mg/dL | 6 | 20 | | | | | | | typical adult | BUN; Urea nitrogen; Urea N; Urea nitrogen serum
Kidney | Urea | 3091-6 | mg/dL | 17 | 43 | | | | | | | typical adult | Serum urea; Urea serum; Plasma urea
Kidney | eGFR | 98979-8 | mL/min/{1.73_m2} | 60 | | | | | | | | KDIGO 2012 | GFR; Estimated GFR; GFR estimated; eGFR CKD-EPI; eGFR (CKD-EPI); eGFR CKD-EPI 2021; Glomerular filtration rate; 62238-1; 33914-3
Kidney | Uric acid | 3084-1 | mg/dL | | | 2.6 | 6.0 | 3.5 | 7.2 | | | typical adult | Urate; Uric acid serum; Serum uric acid; 14933-6
Kidney | Urine albumin/creatinine ratio | 14959-1 | mg/g | | 30 | | | | | | | KDIGO 2012 | UACR; ACR; Albumin/creatinine ratio; Microalbumin/creatinine ratio; Microalbumin creatinine ratio; 9318-7
Kidney | Cystatin C | 33863-2 | mg/L | 0.6 | 1.0 | | | | | | | typical adult | Cystatin-C; CysC
Kidney | BUN/creatinine ratio | 3097-3 | {ratio} | 10 | 20 | | | | | | | typical adult | BUN/Cr ratio; Urea nitrogen/creatinine ratio; BUN:creatinine ratio
Liver | ALT | 1742-6 | U/L | | | 7 | 45 | 7 | 55 | | | typical adult | Alanine aminotransferase; Alanine transaminase; SGPT; ALAT; GPT; ALT (SGPT)
Liver | AST | 1920-8 | U/L | | | 8 | 43 | 8 | 48 | | | typical adult | Aspartate aminotransferase; Aspartate transaminase; SGOT; ASAT; GOT; AST (SGOT)
Liver | Alkaline phosphatase | 6768-6 | U/L | | | 35 | 104 | 40 | 129 | | | typical adult | ALP; ALKP; Alk phos; Alk. phosphatase
Liver | GGT | 2324-2 | U/L | | | 5 | 36 | 8 | 61 | | | typical adult | Gamma-glutamyl transferase; Gamma glutamyl transferase; GGTP; Gamma GT; Gamma-GT; γ-GT
Liver | Total bilirubin | 1975-2 | mg/dL | 0.1 | 1.2 | | | | | | | typical adult | Bilirubin; Bilirubin total; Bilirubin, total; TBIL; T. bili; Total bili
Liver | Direct bilirubin | 1968-7 | mg/dL | 0.0 | 0.3 | | | | | | | typical adult | Bilirubin direct; Bilirubin, direct; DBIL; Direct bili; Conjugated bilirubin
Liver | LDH | 2532-0 | U/L | 135 | 225 | | | | | | | typical adult | LD; Lactate dehydrogenase; Lactic dehydrogenase
Pancreas | Amylase | 1798-8 | U/L | 28 | 100 | | | | | | | typical adult | AMY; Alpha-amylase; Amylase serum
Pancreas | Lipase | 3040-3 | U/L | 13 | 60 | | | | | | | typical adult | LIP; Lipase serum
Cardiac and muscle | Creatine kinase | 2157-6 | U/L | | | 26 | 192 | 39 | 308 | | | typical adult | CK; CPK; CK total; Creatine phosphokinase
Cardiac and muscle | NT-proBNP | 33762-6 | pg/mL | | 125 | | | | | | | ESC 2021 | NTproBNP; NT pro BNP; N-terminal pro-BNP; N-terminal pro-B-type natriuretic peptide
Cardiac and muscle | BNP | 30934-4 | pg/mL | | 35 | | | | | | | ESC 2021 | B-type natriuretic peptide; Brain natriuretic peptide
Thyroid | TSH | 3016-3 | m[IU]/L | 0.27 | 4.2 | | | | | | | Roche Elecsys | Thyrotropin; Thyroid stimulating hormone; Thyroid-stimulating hormone; TSH 3rd generation; TSH ultrasensitive; 11580-8
Thyroid | Free T4 | 3024-7 | ng/dL | 0.93 | 1.7 | | | | | | | Roche Elecsys | FT4; T4 free; Free thyroxine; Thyroxine free; Thyroxine (T4) free
Thyroid | Free T3 | 3051-0 | pg/mL | 2.0 | 4.4 | | | | | | | Roche Elecsys | FT3; T3 free; Free triiodothyronine; Triiodothyronine free; Triiodothyronine (T3) free
Thyroid | Total T4 | 3026-2 | ug/dL | 5.1 | 14.1 | | | | | | | Roche Elecsys | T4; T4 total; Thyroxine; Total thyroxine; Thyroxine total
Thyroid | Total T3 | 3053-6 | ng/dL | 80 | 200 | | | | | | | Roche Elecsys | T3; T3 total; Triiodothyronine; Total triiodothyronine
Thyroid | Anti-TPO | 8099-4 | [IU]/mL | | 34 | | | | | | | Roche Elecsys | TPO Ab; TPOAb; ATPO; Anti-thyroid peroxidase; Thyroid peroxidase antibodies; Thyroperoxidase antibodies
Thyroid | Anti-thyroglobulin | 8098-6 | [IU]/mL | | 115 | | | | | | | Roche Elecsys | Anti-Tg; TgAb; Tg Ab; ATG; Thyroglobulin antibodies
Iron studies | Iron | 2498-4 | ug/dL | | | 50 | 170 | 65 | 175 | | | typical adult | Fe; Serum iron; Iron serum; 14798-3
Iron studies | TIBC | 2500-7 | ug/dL | 250 | 450 | | | | | | | typical adult | Total iron binding capacity; Iron binding capacity
Iron studies | Transferrin saturation | 2502-3 | % | | | 15 | 50 | 20 | 50 | | | typical adult | TSAT; Iron saturation; Transferrin saturation %; Saturation of transferrin
Iron studies | Ferritin | 2276-4 | ng/mL | | | 11 | 307 | 24 | 336 | | | typical adult | Serum ferritin; Ferritin serum; FER
Iron studies | Transferrin | 3034-6 | mg/dL | 200 | 360 | | | | | | | typical adult | TRF; Serum transferrin
Vitamins and minerals | Vitamin D | 62292-8 | ng/mL | 30 | 100 | | | | | | | Endocrine Society 2011 | 25-OH vitamin D; 25(OH)D; 25-OH-D; 25-hydroxyvitamin D; Vitamin D 25-OH; Vitamin D, 25-hydroxy; 25-OH vitamin D3; Calcidiol; 1989-3; 14635-7
Vitamins and minerals | Vitamin B12 | 2132-9 | pg/mL | 200 | 900 | | | | | | | typical adult | B12; Cobalamin; Cyanocobalamin; Vitamin B-12; 16695-9
Vitamins and minerals | Folate | 2284-8 | ng/mL | 4.0 | | | | | | | | typical adult | Folic acid; Serum folate; Folate serum; Vitamin B9
Vitamins and minerals | Zinc | 5763-8 | ug/dL | 60 | 120 | | | | | | | typical adult | Zn; Serum zinc; Zinc serum
Vitamins and minerals | Copper | 5631-7 | ug/dL | 70 | 140 | | | | | | | typical adult | Cu; Serum copper; Copper serum; 14665-4
Vitamins and minerals | Homocysteine | 13965-9 | umol/L | 5 | 15 | | | | | | | typical adult | Hcy; Total homocysteine; Homocysteine total; Plasma homocysteine
Inflammation | CRP | 1988-5 | mg/L | | 5 | | | | | | | typical adult | C-reactive protein; C reactive protein; CRP serum
Inflammation | hs-CRP | 30522-7 | mg/L | | 3 | | | | | | | AHA/CDC 2003 | hsCRP; High-sensitivity CRP; High sensitivity C-reactive protein; CRP high sensitivity; CRP hs; Cardio CRP
Inflammation | ESR | 4537-7 | mm/h | | | 0 | 20 | 0 | 15 | | | typical adult | Erythrocyte sedimentation rate; Sed rate; Sedimentation rate; ESR Westergren; BSG; OB; 30341-2
Inflammation | Rheumatoid factor | 11572-5 | [IU]/mL | | 14 | | | | | | | typical adult | RF; RF quantitative; Rheumatoid factor quantitative
Inflammation | Haptoglobin | 4542-7 | mg/dL | 30 | 200 | | | | | | | typical adult | HPT; Haptoglobin serum
Immunology | IgG | 2465-3 | mg/dL | 700 | 1600 | | | | | | | typical adult | Immunoglobulin G; IgG serum
Immunology | IgA | 2458-8 | mg/dL | 70 | 400 | | | | | | | typical adult | Immunoglobulin A; IgA serum
Immunology | IgM | 2472-9 | mg/dL | 40 | 230 | | | | | | | typical adult | Immunoglobulin M; IgM serum
Immunology | IgE | 19113-0 | [IU]/mL | | 100 | | | | | | | typical adult | Immunoglobulin E; Total IgE; IgE total
Immunology | Complement C3 | 4485-9 | mg/dL | 90 | 180 | | | | | | | typical adult | C3; C3 complement
Immunology | Complement C4 | 4498-2 | mg/dL | 10 | 40 | | | | | | | typical adult | C4; C4 complement
Hormones | Testosterone | 2986-8 | ng/dL | | | 8 | 60 | 264 | 916 | | | Travison 2017 | Total testosterone; Testosterone total; Testosterone, total; TESTO
Hormones | SHBG | 13967-5 | nmol/L | | | 18 | 144 | 10 | 57 | | | typical adult | Sex hormone binding globulin; Sex hormone-binding globulin
Hormones | Estradiol | 2243-4 | pg/mL | | | | | 10 | 40 | | | typical adult | E2; Oestradiol; Estradiol serum; 17-beta estradiol
Hormones | FSH | 15067-2 | m[IU]/mL | | | | | 1.5 | 12.4 | | | Roche Elecsys | Follicle stimulating hormone; Follicle-stimulating hormone; Follitropin
Hormones | LH | 10501-5 | m[IU]/mL | | | | | 1.7 | 8.6 | | | Roche Elecsys | Luteinizing hormone; Luteinising hormone; Lutropin
Hormones | Prolactin | 2842-3 | ng/mL | | | 4.8 | 23.3 | 4.0 | 15.2 | | | Roche Elecsys | PRL; Prolactin serum
Hormones | Cortisol | 2143-6 | ug/dL | 6.2 | 19.4 | | | | | | | Roche Elecsys | Morning cortisol; Cortisol AM; Cortisol morning; Serum cortisol
Hormones | DHEA-S | 2191-5 | ug/dL | | | | | | | | | | DHEAS; DHEA sulfate; DHEA sulphate; Dehydroepiandrosterone sulfate; DHEA-SO4
Hormones | PTH | 2731-8 | pg/mL | 15 | 65 | | | | | | | typical adult | Parathyroid hormone; Intact PTH; iPTH; PTH intact; Parathormone
Hormones | PSA | 2857-1 | ng/mL | | | | | | 4.0 | | | typical adult | Total PSA; PSA total; Prostate specific antigen; Prostate-specific antigen
Coagulation | Prothrombin time | 5902-2 | s | 11.0 | 13.5 | | | | | | | typical adult | PT; Protime; Pro time
Coagulation | INR | 6301-6 | {INR} | 0.8 | 1.2 | | | | | | 5.0 | typical adult | PT INR; International normalized ratio; International normalised ratio; 34714-6
Coagulation | aPTT | 14979-9 | s | 25 | 35 | | | | | | | typical adult | APTT; PTT; Activated partial thromboplastin time; Partial thromboplastin time; 3173-2
Coagulation | Fibrinogen | 3255-7 | mg/dL | 200 | 400 | | | | | | | typical adult | FIB; Clauss fibrinogen; Fibrinogen activity
Coagulation | D-dimer | 48065-7 | mg/L{FEU} | | 0.5 | | | | | | | typical adult | D dimer; DDimer; Fibrin D-dimer; D-dimer FEU
Urinalysis | Urine specific gravity | 5811-5 | | 1.005 | 1.030 | | | | | | | typical adult | Specific gravity; SG; Urine SG; Spec grav
Urinalysis | Urine pH | 5803-2 | [pH] | 5.0 | 8.0 | | | | | | | typical adult | pH urine; pH, urine
Urinalysis | Urine protein | 5804-0 | mg/dL | | | | | | | | | | Protein urine; Protein, urine; Urine protein dipstick; PRO
Urinalysis | Urine glucose | 5792-7 | mg/dL | | | | | | | | | | Glucose urine; Glucose, urine; Urine sugar
Urinalysis | Urine ketones | 5797-6 | mg/dL | | | | | | | | | | Ketones; Ketones urine; Ketones, urine; KET
Urinalysis | Urine blood | 5794-3 | | | | | | | | | | | Blood urine; Blood, urine; Urine hemoglobin; Occult blood urine; BLD
Urinalysis | Urine leukocyte esterase | 5799-2 | | | | | | | | | | | Leukocyte esterase; Leukocytes urine; LEU; LE
Urinalysis | Urine nitrite | 5802-4 | | | | | | | | | | | Nitrite; Nitrites; Nitrite urine; NIT
Urinalysis | Urine bilirubin | 5770-3 | | | | | | | | | | | Bilirubin urine; Bilirubin, urine
Urinalysis | Urine urobilinogen | 20405-7 | mg/dL | 0.2 | 1.0 | | | | | | | typical adult | Urobilinogen; Urobilinogen urine; URO; 5818-0
Urinalysis | Urine WBC | 5821-4 | /[HPF] | 0 | 5 | | | | | | | typical adult | WBC urine; WBC/HPF; Urine leukocytes microscopy; Pus cells
Urinalysis | Urine RBC | 13945-1 | /[HPF] | 0 | 2 | | | | | | | typical adult | RBC urine; RBC/HPF; Urine erythrocytes microscopy
Urinalysis | Urine creatinine | 2161-8 | mg/dL | | | | | | | | | | Creatinine urine; Creatinine, urine
$catalogue$, '\n') AS line
WHERE btrim(line) <> '';

-- The other units each marker is commonly reported in: LOINC | unit | factor | addend (empty:
-- 0). A value in that unit times factor, plus addend, is the value in the marker's unit;
-- "1/x" means divide by x. Factors are the molar masses of the analytes (glucose 180.16
-- g/mol -> 18.016, cholesterol 386.7 -> 38.67, triglycerides as triolein 885.7 -> 88.57,
-- creatinine 113.12 -> 88.42 umol/L per mg/dL, urea 60.06 and its nitrogen 28.01, uric acid
-- 168.1, 25-OH vitamin D 400.6 -> 2.496, haemoglobin monomer 16114.5), decimal prefixes, the
-- WHO standards' unit equivalences (prolactin 21.2 mIU/L per ng/mL, insulin 6 pmol/L per
-- uIU/mL) and the IFCC-NGSP master equation for HbA1c (% = 0.09148 x mmol/mol + 2.152).
CREATE TEMPORARY TABLE seed_units ON COMMIT DROP AS
SELECT
    btrim(split_part(line, '|', 1)) AS loinc_code,
    btrim(split_part(line, '|', 2)) AS unit,
    CASE
        WHEN btrim(split_part(line, '|', 3)) LIKE '1/%'
            THEN 1 / substr(btrim(split_part(line, '|', 3)), 3)::numeric
        ELSE btrim(split_part(line, '|', 3))::numeric
    END AS factor,
    coalesce(nullif(btrim(split_part(line, '|', 4)), '')::numeric, 0) AS addend
FROM regexp_split_to_table($units$
2093-3 | mmol/L | 38.67
2089-1 | mmol/L | 38.67
2085-9 | mmol/L | 38.67
2571-8 | mmol/L | 88.57
43396-1 | mmol/L | 38.67
13458-5 | mmol/L | 38.67
10835-7 | mg/L | 0.1
10835-7 | g/L | 100
1884-6 | g/L | 100
1884-6 | mg/L | 0.1
2345-7 | mmol/L | 18.016
4548-4 | mmol/mol | 0.09148 | 2.152
20448-7 | pmol/L | 1/6
20448-7 | mIU/L | 1
1986-9 | nmol/L | 3.02
1986-9 | pmol/L | 0.00302
1986-9 | ug/L | 1
6690-2 | 10*9/L | 1
6690-2 | K/uL | 1
6690-2 | /nL | 1
6690-2 | /uL | 0.001
789-8 | 10*12/L | 1
789-8 | M/uL | 1
789-8 | /pL | 1
718-7 | g/L | 0.1
718-7 | mmol/L | 1.6114
4544-3 | L/L | 100
785-6 | fmol | 16.114
786-4 | g/L | 0.1
786-4 | mmol/L | 1.6114
777-3 | 10*9/L | 1
777-3 | K/uL | 1
777-3 | /nL | 1
777-3 | /uL | 0.001
751-8 | 10*9/L | 1
751-8 | /nL | 1
751-8 | /uL | 0.001
731-0 | 10*9/L | 1
731-0 | /nL | 1
731-0 | /uL | 0.001
742-7 | 10*9/L | 1
742-7 | /nL | 1
742-7 | /uL | 0.001
711-2 | 10*9/L | 1
711-2 | /nL | 1
711-2 | /uL | 0.001
704-7 | 10*9/L | 1
704-7 | /nL | 1
704-7 | /uL | 0.001
2951-2 | mEq/L | 1
2823-3 | mEq/L | 1
2075-0 | mEq/L | 1
2028-9 | mEq/L | 1
17861-6 | mmol/L | 4.008
17861-6 | mEq/L | 2.004
1995-0 | mg/dL | 1/4.008
2777-1 | mmol/L | 3.097
19123-9 | mmol/L | 2.431
19123-9 | mEq/L | 1.2155
2885-2 | g/L | 0.1
1751-7 | g/L | 0.1
10834-0 | g/L | 0.1
33037-3 | mEq/L | 1
2692-2 | mmol/kg | 1
2524-7 | mg/dL | 1/9.008
14338-8 | mg/L | 0.1
14338-8 | g/L | 100
2160-0 | umol/L | 1/88.42
3094-0 | mmol/L | 2.801
3091-6 | mmol/L | 6.006
98979-8 | mL/min/1.73m2 | 1
3084-1 | umol/L | 1/59.48
3084-1 | mmol/L | 16.81
14959-1 | mg/mmol | 8.84
1742-6 | ukat/L | 60
1742-6 | IU/L | 1
1920-8 | ukat/L | 60
1920-8 | IU/L | 1
6768-6 | ukat/L | 60
6768-6 | IU/L | 1
2324-2 | ukat/L | 60
2324-2 | IU/L | 1
1975-2 | umol/L | 1/17.104
1968-7 | umol/L | 1/17.104
2532-0 | ukat/L | 60
2532-0 | IU/L | 1
1798-8 | ukat/L | 60
1798-8 | IU/L | 1
3040-3 | ukat/L | 60
3040-3 | IU/L | 1
2157-6 | ukat/L | 60
2157-6 | IU/L | 1
33762-6 | ng/L | 1
33762-6 | pmol/L | 8.457
30934-4 | ng/L | 1
30934-4 | pmol/L | 3.464
3016-3 | uIU/mL | 1
3016-3 | mU/L | 1
3024-7 | pmol/L | 1/12.87
3051-0 | pmol/L | 1/1.536
3026-2 | nmol/L | 1/12.87
3053-6 | nmol/L | 65.1
8099-4 | kIU/L | 1
8099-4 | U/mL | 1
8098-6 | kIU/L | 1
8098-6 | U/mL | 1
2498-4 | umol/L | 5.585
2500-7 | umol/L | 5.585
2276-4 | ug/L | 1
2276-4 | pmol/L | 1/2.247
3034-6 | g/L | 100
62292-8 | nmol/L | 1/2.496
62292-8 | ug/L | 1
2132-9 | pmol/L | 1.355
2132-9 | ng/L | 1
2284-8 | nmol/L | 1/2.266
2284-8 | ug/L | 1
5763-8 | umol/L | 6.538
5631-7 | umol/L | 6.355
1988-5 | mg/dL | 10
30522-7 | mg/dL | 10
4537-7 | mm/hr | 1
11572-5 | kIU/L | 1
4542-7 | g/L | 100
2465-3 | g/L | 100
2458-8 | g/L | 100
2472-9 | g/L | 100
19113-0 | kIU/L | 1
19113-0 | kU/L | 1
4485-9 | g/L | 100
4498-2 | g/L | 100
2986-8 | nmol/L | 28.84
2243-4 | pmol/L | 1/3.671
2243-4 | ng/L | 1
15067-2 | IU/L | 1
10501-5 | IU/L | 1
2842-3 | mIU/L | 1/21.2
2842-3 | ug/L | 1
2143-6 | nmol/L | 1/27.59
2191-5 | umol/L | 36.85
2731-8 | pmol/L | 9.43
2731-8 | ng/L | 1
2857-1 | ug/L | 1
6301-6 | INR | 1
48065-7 | ug/mL FEU | 1
48065-7 | ng/mL FEU | 0.001
5803-2 | pH | 1
5792-7 | mmol/L | 18.016
20405-7 | umol/L | 1/17.104
20405-7 | EU/dL | 1
5821-4 | /HPF | 1
2161-8 | mmol/L | 11.312
2161-8 | umol/L | 0.011312
$units$, '\n') AS line
WHERE btrim(line) <> '';

-- A conversion for a marker the table above lacks is a typing error: refuse the migration.
DO $$
DECLARE
    stray text;
BEGIN
    SELECT string_agg(u.loinc_code || ' ' || u.unit, ', ') INTO stray
    FROM seed_units AS u
    WHERE NOT EXISTS (SELECT FROM seed_markers AS m WHERE m.loinc_code = u.loinc_code);
    IF stray IS NOT NULL THEN
        RAISE EXCEPTION 'unit conversions for markers not in the catalogue: %', stray;
    END IF;
END
$$;

-- The markers, except where a test already in the catalogue (added by hand before this
-- migration) takes one of their names, aliases or LOINC code: that test is kept as it is.
-- Their conversions go in the same statement, keyed by the rows it inserted.
WITH seeded AS (
    INSERT INTO blood.test_definitions (
        category, test_name, loinc_code, default_unit, aliases,
        reference_low, reference_high, reference_low_female, reference_high_female,
        reference_low_male, reference_high_male, critical_low, critical_high, range_source
    )
    SELECT
        m.category,
        m.test_name,
        m.loinc_code,
        m.default_unit,
        m.aliases,
        m.reference_low,
        m.reference_high,
        m.reference_low_female,
        m.reference_high_female,
        m.reference_low_male,
        m.reference_high_male,
        m.critical_low,
        m.critical_high,
        m.range_source
    FROM seed_markers AS m
    WHERE
        NOT EXISTS (
            SELECT FROM blood.definition_keys AS k
            WHERE
                k.owner_id = 0
                AND k.match_key IN (
                    SELECT blood.match_key(n)
                    FROM unnest(m.aliases || ARRAY[m.test_name, m.loinc_code]) AS n
                )
        )
    RETURNING id, loinc_code
)

INSERT INTO blood.unit_conversions (test_definition_id, unit, factor, addend)
SELECT
    s.id,
    u.unit,
    u.factor,
    u.addend
FROM seed_units AS u
INNER JOIN seeded AS s ON u.loinc_code = s.loinc_code;
