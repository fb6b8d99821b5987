-- name: create_hr_upload :none
-- The temporary table an HR-sample upload is copied into before its one upsert; dropped at
-- commit. Params: none. Returns nothing. Index: none (read once, whole).
CREATE TEMPORARY TABLE hr_upload (
    sample_time timestamptz NOT NULL,
    heart_rate smallint NOT NULL
) ON COMMIT DROP;
