-- name: insert_fit_samples :none
-- One chunk of a .FIT file's heart-rate samples, sent while the file is still being decoded
-- (pipelined: the decoder does not wait for it). The activity is the one
-- insert_fit_activity_start has just created, so no stored row can share their keys: a plain
-- insert, in primary-key order, without upsert_hr_samples' ON CONFLICT (a speculative insertion
-- per row). seq numbers samples sharing a timestamp in file order across the whole file
-- (computed by the sender); elapsed seconds count from origin, which insert_fit_activity
-- corrects in the rare file where the session's start says otherwise. The months exist:
-- ensure_hr_partitions runs ahead of a chunk that reaches a new one.
-- Params: customer_id, activity_id, fit_seconds (FIT times: seconds since 1989-12-31 UTC),
-- seqs, heart_rates (arrays of one length), origin (a FIT time). Returns the rows written.
-- Index: heart_rate_samples_pkey (written in its order).
INSERT INTO heart_rate_samples (
    customer_id, activity_id, sample_time, seq, heart_rate, elapsed_seconds
)
SELECT
    %(customer_id)s,
    %(activity_id)s,
    to_timestamp(s.fit_seconds + 631065600) AS sample_time,  -- 1989-12-31 as Unix time
    s.seq,
    s.heart_rate,
    greatest(s.fit_seconds - %(origin)s::bigint, 0)::integer AS elapsed_seconds
FROM
    unnest(
        %(fit_seconds)s::bigint[], %(seqs)s::smallint[], %(heart_rates)s::smallint[]
    ) AS s (fit_seconds, seq, heart_rate);
