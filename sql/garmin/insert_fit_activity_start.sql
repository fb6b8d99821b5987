-- name: insert_fit_activity_start :scalar
-- The activity row of a .FIT file being decoded, written when its first heart-rate sample
-- arrives so that the samples can be stored (insert_fit_samples, whose foreign key needs the
-- row) while the decoder reads the rest of the file; insert_fit_activity completes it from the
-- session message at the end, in the same savepoint (a refused file leaves neither).
-- Params: customer_id; start_time, the first sample's time (the day until the session's).
-- Returns the activity id (from fit_activity_id_seq). Index: activities_pkey.
INSERT INTO activities (activity_id, customer_id, calendar_date, activity_start_time)
VALUES (
    nextval('fit_activity_id_seq'),
    %(customer_id)s,
    (%(start_time)s::timestamptz AT TIME ZONE 'UTC')::date,
    %(start_time)s::timestamptz
)
RETURNING activity_id;
