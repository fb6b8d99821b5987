-- name: select_dataset_stats :scalar
-- What the user has stored in each Garmin table of the schema in use: row count and first and
-- last calendar day.
-- Params: customer_id.
-- Returns JSON {schema, tables: {table: {rows, first_date, last_date}}}.
-- Index: each table's (customer_id, calendar_date) key or index, one range scan per table.
SELECT
    json_build_object(
        'schema', current_schema(),
        'tables', json_build_object(
            'user_summary', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM user_summary
                WHERE customer_id = %(customer_id)s
            ),
            'body_composition', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM body_composition
                WHERE customer_id = %(customer_id)s
            ),
            'hrv_data', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM hrv_data
                WHERE customer_id = %(customer_id)s
            ),
            'sleep_data', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM sleep_data
                WHERE customer_id = %(customer_id)s
            ),
            'activities', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM activities
                WHERE customer_id = %(customer_id)s
            ),
            'activity_gps', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM activity_gps
                WHERE customer_id = %(customer_id)s
            ),
            'training_readiness', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM training_readiness
                WHERE customer_id = %(customer_id)s
            ),
            'endurance_score', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM endurance_score
                WHERE customer_id = %(customer_id)s
            ),
            'training_status', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM training_status
                WHERE customer_id = %(customer_id)s
            ),
            'fitness_age', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM fitness_age
                WHERE customer_id = %(customer_id)s
            ),
            'daily_health_events', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM daily_health_events
                WHERE customer_id = %(customer_id)s
            ),
            'max_metrics', (
                SELECT
                    json_build_object(
                        'rows', count(*),
                        'first_date', min(calendar_date),
                        'last_date', max(calendar_date)
                    )
                FROM max_metrics
                WHERE customer_id = %(customer_id)s
            )
        )
    );
