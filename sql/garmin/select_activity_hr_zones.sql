-- name: select_activity_hr_zones :scalar
-- Time in heart-rate zones 1-5 of one of the user's activities: seconds and share of the
-- total per zone (percentage NULL when no zone time was recorded).
-- Params: customer_id, activity_id.
-- Returns JSON text {activity_id, total_seconds, zones: [{zone_number, secs_in_zone,
-- percentage}]}, or NULL when the user has no such activity.
-- Index: activities_pkey (activity_id).
WITH zone AS (
    SELECT
        z.zone_number,
        z.seconds
    FROM activities AS a
    CROSS JOIN
        LATERAL (
            VALUES
            (1, a.activity_secs_in_zone1),
            (2, a.activity_secs_in_zone2),
            (3, a.activity_secs_in_zone3),
            (4, a.activity_secs_in_zone4),
            (5, a.activity_secs_in_zone5)
        ) AS z (zone_number, seconds)
    WHERE a.activity_id = %(activity_id)s AND a.customer_id = %(customer_id)s
),

total AS (
    SELECT sum(zone.seconds) AS seconds FROM zone
)

SELECT
    json_build_object(
        'activity_id', %(activity_id)s::bigint,
        'total_seconds', total.seconds,
        'zones', json_agg(
            json_build_object(
                'zone_number', zone.zone_number,
                'secs_in_zone', zone.seconds,
                'percentage', round(100 * zone.seconds / nullif(total.seconds, 0), 1)
            )
            ORDER BY zone.zone_number
        )
    )::text
FROM zone
CROSS JOIN total
GROUP BY total.seconds;
