-- name: select_weekly_summary :scalar
-- Per ISO week (Monday start) touching the inclusive date window: activity count, duration,
-- distance, training load, seconds in HR zones 1-5, and the same totals by activity type.
-- Weeks without activities are left out.
-- Params: customer_id, start_date, end_date. Returns JSON text {weeks, count}.
-- Index: activities_customer_date_idx.
WITH weekly AS (
    SELECT
        date_trunc('week', a.calendar_date)::date AS week_start,
        coalesce(a.activity_type, 'other') AS activity_type,
        count(*) AS activities,
        coalesce(sum(a.activity_duration), 0) AS duration_seconds,
        coalesce(sum(a.activity_distance), 0) AS distance_meters,
        coalesce(sum(a.activity_activity_training_load), 0) AS training_load,
        coalesce(sum(a.activity_secs_in_zone1), 0) AS zone1,
        coalesce(sum(a.activity_secs_in_zone2), 0) AS zone2,
        coalesce(sum(a.activity_secs_in_zone3), 0) AS zone3,
        coalesce(sum(a.activity_secs_in_zone4), 0) AS zone4,
        coalesce(sum(a.activity_secs_in_zone5), 0) AS zone5
    FROM activities AS a
    WHERE
        a.customer_id = %(customer_id)s
        AND a.calendar_date
        BETWEEN date_trunc('week', %(start_date)s::date)::date
        AND date_trunc('week', %(end_date)s::date)::date + 6
    GROUP BY 1, 2
),

weeks AS (
    SELECT
        week_start,
        to_char(week_start, 'IYYY-"W"IW') AS iso_week,
        sum(activities) AS activities,
        sum(duration_seconds) AS duration_seconds,
        sum(distance_meters) AS distance_meters,
        sum(training_load) AS training_load,
        json_build_object(
            'zone1', sum(zone1), 'zone2', sum(zone2), 'zone3', sum(zone3),
            'zone4', sum(zone4), 'zone5', sum(zone5)
        ) AS hr_zone_seconds,
        json_object_agg(
            activity_type,
            json_build_object(
                'activities', activities,
                'duration_seconds', duration_seconds,
                'distance_meters', distance_meters,
                'training_load', training_load
            )
            ORDER BY activity_type
        ) AS by_type
    FROM weekly
    GROUP BY 1
)

SELECT
    json_build_object(
        'weeks', coalesce(json_agg(
            json_build_object(
                'week_start', weeks.week_start,
                'iso_week', weeks.iso_week,
                'activities', weeks.activities,
                'duration_seconds', weeks.duration_seconds,
                'distance_meters', weeks.distance_meters,
                'training_load', weeks.training_load,
                'hr_zone_seconds', weeks.hr_zone_seconds,
                'by_type', weeks.by_type
            ) ORDER BY weeks.week_start
        ), '[]'),
        'count', count(*)
    )::text
FROM weeks;
