-- name: copy_import_rows :copy
-- types: integer, date, text, text, text, text
-- Second step of the CSV import: streams the validated rows into import_rows (binary COPY;
-- "binary" is quoted only because the SQL linter does not know the bare keyword there).
-- Params: the rows (line, test_date, test_name, result_value, result_unit, reference_range).
-- Returns rows copied. Index: none (a temporary table).
COPY import_rows (
    line, test_date, test_name, result_value, result_unit, reference_range
) FROM STDIN (FORMAT "binary");
