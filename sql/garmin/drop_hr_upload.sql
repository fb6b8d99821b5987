-- name: drop_hr_upload :none
-- Drops the HR upload table (see create_hr_upload) once its samples are stored, so the next file
-- of a multi-file .FIT import can create it again in the same transaction.
-- Params: none. Returns nothing. Index: none.
DROP TABLE hr_upload;
