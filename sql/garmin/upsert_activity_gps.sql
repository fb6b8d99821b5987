-- name: upsert_activity_gps :one
-- Stores the GPS tracks of activities the caller already stored, one row per activity, for a
-- whole batch in one statement; a track replaces the previous one. The track's calendar_date
-- is its activity's. Items whose activity is not the caller's (absent, or another user's) are
-- not written and are listed as `missing`, so the caller can refuse the batch (404).
-- RETURNING tells inserts from updates by xmax, which is 0 only on a freshly inserted row.
-- Params: customer_id; items (a JSON array of {activity_id, gps_data}, distinct activity_id).
-- Returns one row: answer, the JSON text {inserted, updated, unchanged, count, items,
-- missing} (items are the stored tracks without their points: activity_gps_json), passed to
-- the client as it is; and missing again as bigint[], for the caller's refusal.
-- Index: activities_pkey (customer_id, activity_id); activity_gps_pkey (customer_id,
-- activity_id).
WITH item AS (
    SELECT
        (e.value ->> 'activity_id')::bigint AS activity_id,
        e.value -> 'gps_data' AS gps_data
    FROM jsonb_array_elements(%(items)s::jsonb) AS e
),

owned AS (
    SELECT
        item.activity_id,
        activity.calendar_date,
        item.gps_data
    FROM item
    INNER JOIN activities AS activity
        ON
            activity.customer_id = %(customer_id)s
            AND item.activity_id = activity.activity_id
),

missing AS (
    SELECT item.activity_id
    FROM item
    WHERE item.activity_id NOT IN (SELECT owned.activity_id FROM owned)
),

upserted AS (
    INSERT INTO activity_gps AS t (activity_id, customer_id, calendar_date, gps_data)
    SELECT
        owned.activity_id,
        %(customer_id)s,
        owned.calendar_date,
        owned.gps_data
    FROM owned
    ON CONFLICT (customer_id, activity_id) DO UPDATE
        SET
            calendar_date = excluded.calendar_date,
            gps_data = excluded.gps_data
    RETURNING
        t.activity_id,
        activity_gps_json(t) AS row,
        jsonb_array_length(coalesce(t.gps_data -> 'coordinates', '[]')) AS points,
        CASE WHEN t.xmax = 0 THEN 'inserted' ELSE 'updated' END AS outcome
),

unchanged AS (
    SELECT
        stored.activity_id,
        activity_gps_json(stored) AS row,
        jsonb_array_length(coalesce(stored.gps_data -> 'coordinates', '[]')) AS points,
        'unchanged' AS outcome
    FROM activity_gps AS stored
    INNER JOIN owned
        ON stored.customer_id = %(customer_id)s AND stored.activity_id = owned.activity_id
    WHERE stored.activity_id NOT IN (SELECT upserted.activity_id FROM upserted)
),

batch AS (
    SELECT
        activity_id,
        row || jsonb_build_object('points', points) AS row,
        outcome
    FROM upserted
    UNION ALL
    SELECT
        activity_id,
        row || jsonb_build_object('points', points) AS row,
        outcome
    FROM unchanged
)

SELECT
    json_build_object(
        'inserted', (
            SELECT count(*) FROM batch
            WHERE outcome = 'inserted'
        ),
        'updated', (
            SELECT count(*) FROM batch
            WHERE outcome = 'updated'
        ),
        'unchanged', (
            SELECT count(*) FROM batch
            WHERE outcome = 'unchanged'
        ),
        'count', (SELECT count(*) FROM batch),
        'items', (SELECT coalesce(json_agg(row ORDER BY activity_id), '[]') FROM batch),
        'missing', (
            SELECT coalesce(json_agg(missing.activity_id ORDER BY missing.activity_id), '[]')
            FROM missing
        )
    )::text AS answer,
    array(
        SELECT missing.activity_id FROM missing
        ORDER BY missing.activity_id
    ) AS missing;
