-- name: select_fit_file_activity :scalar
-- The activity of a .FIT file the caller already imported, by the file's identity (device
-- serial + time created, or the content hash): asked as soon as the decoder has read the
-- file's first message, so an unchanged file costs almost nothing.
-- Params: customer_id, file_identity. Returns the activity id or NULL.
-- Index: fit_files_identity_key (customer_id, file_identity).
SELECT f.activity_id
FROM fit_files AS f
WHERE f.customer_id = %(customer_id)s AND f.file_identity = %(file_identity)s;
