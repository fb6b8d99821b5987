-- name: create_import_table :none
-- First step of `flask blood import-csv`: a temporary table for the file's validated rows,
-- dropped when the import's transaction ends. Params: none. Returns nothing useful (-1).
-- Index: none needed (upsert_imported_tests reads all of it).
CREATE TEMPORARY TABLE import_rows (
    line integer PRIMARY KEY,
    test_date date NOT NULL,
    test_name text NOT NULL,
    result_value text NOT NULL,
    result_unit text,
    reference_range text
) ON COMMIT DROP;
