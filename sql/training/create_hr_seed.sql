-- name: create_hr_seed :none
-- The temporary table the sample seeder copies heart-rate samples into, dropped at commit.
-- COPY FROM cannot write a table under row-level security (PostgreSQL refuses it even with a
-- policy that lets every row in), so the rows go through this table and one INSERT ... SELECT
-- (insert_hr_seed), which the policies do check. Params: none. Returns nothing.
-- Index: none (read once, whole).
CREATE TEMPORARY TABLE hr_seed (
    customer_id bigint NOT NULL,
    activity_id bigint NOT NULL,
    sample_time timestamptz NOT NULL,
    elapsed_seconds integer NOT NULL,
    heart_rate smallint NOT NULL,
    seq smallint NOT NULL
) ON COMMIT DROP;
