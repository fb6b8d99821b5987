-- depends: 0002.users
-- Blood tests: the catalogue of test definitions and each user's results. A result keeps what
-- the lab wrote (result_value "5.2", "<0.5", "negative"; reference_range "3.5-5.0", "<200",
-- ">40"); the numbers, the reference band and the flag are generated columns computed by the
-- IMMUTABLE parsing functions below, so every writer (API, CSV import, an operator's psql)
-- gets the same reading of the text.

-- "5.2" -> 5.2, "<0.5" -> 0.5, "1,5" -> 1.5 (decimal comma); NULL when the text is not one
-- number, optionally after a comparator.
CREATE FUNCTION blood.lab_number(value text) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT replace(
        (regexp_match(value, '^\s*(?:[<>]=?)?\s*([+-]?[0-9]+(?:[.,][0-9]+)?)\s*$'))[1], ',', '.'
    )::numeric
$$;

-- The comparator of a censored result ("<0.5" -> '<', ">=90" -> '>='); NULL otherwise.
CREATE FUNCTION blood.lab_comparator(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT (regexp_match(value, '^\s*([<>]=?)\s*[+-]?[0-9]+(?:[.,][0-9]+)?\s*$'))[1]
$$;

-- {low, high} of a reference range: "3.5-5.0" and "3.5 - 5.0" -> {3.5, 5.0}, "<200" ->
-- {NULL, 200}, ">40" -> {40, NULL}. Anything else, or low above high, -> NULL (both unknown).
-- Bounds count as inclusive.
CREATE FUNCTION blood.reference_bounds(reference_range text) RETURNS numeric[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    WITH matched AS (
        SELECT
            regexp_match(
                reference_range,
                '^\s*([+-]?[0-9]+(?:[.,][0-9]+)?)\s*(?:-|–|—|to)\s*([+-]?[0-9]+(?:[.,][0-9]+)?)\s*$'
            ) AS band,
            regexp_match(
                reference_range, '^\s*([<>])=?\s*([+-]?[0-9]+(?:[.,][0-9]+)?)\s*$'
            ) AS side
    ),

    bounds AS (
        SELECT
            replace(
                CASE WHEN band IS NOT NULL THEN band[1] WHEN side[1] = '>' THEN side[2] END,
                ',',
                '.'
            )::numeric AS low,
            replace(
                CASE WHEN band IS NOT NULL THEN band[2] WHEN side[1] = '<' THEN side[2] END,
                ',',
                '.'
            )::numeric AS high
        FROM matched
    )

    SELECT ARRAY[low, high] FROM bounds
    WHERE (low IS NOT NULL OR high IS NOT NULL) AND NOT coalesce(low > high, FALSE)
$$;

-- 'low', 'normal' or 'high' for a result against its reference range; NULL when either is
-- not numeric, or when a censored result ("<0.5") cannot be placed (e.g. "<0.5" in 0.3-5.0).
CREATE FUNCTION blood.result_flag(result_value text, reference_range text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    WITH reading AS (
        SELECT
            blood.lab_number(result_value) AS x,
            blood.lab_comparator(result_value) AS c,
            (blood.reference_bounds(reference_range))[1] AS lo,
            (blood.reference_bounds(reference_range))[2] AS hi
    )

    SELECT
        CASE
            WHEN x IS NULL OR (lo IS NULL AND hi IS NULL) THEN NULL
            WHEN (c IS NULL AND x < lo) OR (c = '<' AND x <= lo) OR (c = '<=' AND x < lo)
                THEN 'low'
            WHEN (c IS NULL AND x > hi) OR (c = '>' AND x >= hi) OR (c = '>=' AND x > hi)
                THEN 'high'
            WHEN c IS NULL THEN 'normal'
            -- "<5" within "<200": the true value lies under the band's only (upper) bound.
            WHEN c IN ('<', '<=') AND lo IS NULL AND x <= hi THEN 'normal'
            WHEN c IN ('>', '>=') AND hi IS NULL AND x >= lo THEN 'normal'
        END
    FROM reading
$$;

CREATE TABLE blood.test_definitions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category text NOT NULL CHECK (
        category = btrim(category) AND char_length(category) BETWEEN 1 AND 100
    ),
    test_name text NOT NULL CHECK (
        test_name = btrim(test_name) AND char_length(test_name) BETWEEN 1 AND 100
    ),
    short_explanation text CHECK (char_length(short_explanation) <= 255),
    long_explanation text,
    default_unit text CHECK (char_length(default_unit) BETWEEN 1 AND 50),
    reference_low numeric,
    reference_high numeric,
    loinc_code text CHECK (loinc_code ~ '^[0-9]{1,7}-[0-9]$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT test_definitions_reference_band_check CHECK (reference_low <= reference_high)
);
-- One definition per name in any letter case; serves lookups by name (history, panel upload,
-- CSV import) and the import's ON CONFLICT.
CREATE UNIQUE INDEX test_definitions_test_name_key ON blood.test_definitions (lower(test_name));
-- The catalogue by category, and the category filter of GET /tests.
CREATE INDEX test_definitions_category_idx ON blood.test_definitions (category, lower(test_name));

CREATE TRIGGER test_definitions_touch_updated_at BEFORE UPDATE ON blood.test_definitions
FOR EACH ROW EXECUTE FUNCTION aiapp.touch_updated_at();

CREATE TABLE blood.blood_tests (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    test_definition_id bigint NOT NULL
    REFERENCES blood.test_definitions (id) ON DELETE RESTRICT,
    test_date date NOT NULL,
    result_value text NOT NULL CHECK (char_length(btrim(result_value)) BETWEEN 1 AND 50),
    result_unit text CHECK (char_length(result_unit) BETWEEN 1 AND 50),
    reference_range text CHECK (char_length(reference_range) BETWEEN 1 AND 100),
    result_numeric numeric GENERATED ALWAYS AS (blood.lab_number(result_value)) STORED,
    result_comparator text GENERATED ALWAYS AS (blood.lab_comparator(result_value)) STORED,
    reference_low numeric
    GENERATED ALWAYS AS ((blood.reference_bounds(reference_range))[1]) STORED,
    reference_high numeric
    GENERATED ALWAYS AS ((blood.reference_bounds(reference_range))[2]) STORED,
    result_flag text
    GENERATED ALWAYS AS (blood.result_flag(result_value, reference_range)) STORED,
    out_of_range boolean GENERATED ALWAYS AS (
        blood.result_flag(result_value, reference_range) IN ('low', 'high')
    ) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- One result per user, test and day: the upsert key of panel uploads and CSV imports; also
    -- serves a marker's history and the latest result per test.
    CONSTRAINT blood_tests_natural_key UNIQUE (customer_id, test_definition_id, test_date)
);
-- A user's results newest first (GET /tests, the legacy action).
CREATE INDEX blood_tests_customer_date_idx ON blood.blood_tests (
    customer_id, test_date DESC, id DESC
);
-- The RESTRICT check when a definition is deleted looks results up by definition.
CREATE INDEX blood_tests_test_definition_id_idx ON blood.blood_tests (test_definition_id);

CREATE TRIGGER blood_tests_touch_updated_at BEFORE UPDATE ON blood.blood_tests
FOR EACH ROW EXECUTE FUNCTION aiapp.touch_updated_at();

-- A test of the catalogue as the API shows it; every query that returns definitions uses it,
-- so the shape is defined once.
CREATE FUNCTION blood.definition_json(d blood.test_definitions)
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

-- A result as the API shows it: what the lab wrote, its definition, and the derived columns.
-- Every query that returns results (other than the original's list shapes) uses it.
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
