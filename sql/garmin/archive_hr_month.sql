-- name: archive_hr_month :copy
-- One month of heart_rate_samples (the connection's schema) as CSV with a header, for
-- `flask garmin retention --archive-dir` to write to a file before it drops the month.
-- Params: month_start, month_end (the partition's bounds). Rows go out in storage order.
-- Index: none: the bounds prune the scan to that month's partition, read whole (seq scan).
COPY (
    SELECT
        s.customer_id,
        s.activity_id,
        s.sample_time,
        s.seq,
        s.heart_rate,
        s.elapsed_seconds
    FROM heart_rate_samples AS s
    WHERE
        s.sample_time >= %(month_start)s::timestamptz
        AND s.sample_time < %(month_end)s::timestamptz
) TO STDOUT WITH (FORMAT csv, HEADER);
