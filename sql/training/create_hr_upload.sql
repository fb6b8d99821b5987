-- name: create_hr_upload :none
-- The temporary table an HR-sample upload is copied into before its one upsert; dropped at
-- commit. position numbers the rows in the order COPY sent them, so samples that share a
-- timestamp get their seq (0, 1, ...) in that order. Params: none. Returns nothing.
-- Index: none (read once, whole).
CREATE TEMPORARY TABLE hr_upload (
    sample_time timestamptz NOT NULL,
    heart_rate smallint NOT NULL,
    position bigint GENERATED ALWAYS AS IDENTITY
) ON COMMIT DROP;
