-- name: upsert_summary :scalar
-- Writes the summary of one of the caller's sessions, replacing the previous one (which keeps
-- its generated_at). message_count, first/last_message_date and tags default to what the
-- session holds now.
-- Params: customer_id, session_id, summary, key_topics, main_entities, tags (jsonb arrays of
-- strings; tags NULL = the session's),
-- message_count, first_message_date, last_message_date, summary_model,
-- summary_config_version. Returns the summary as JSON text, or NULL when the session is not
-- the caller's. Index: chat_sessions primary key; chat_messages_session_idx;
-- session_summaries primary key.
INSERT INTO session_summaries AS ss (
    session_id, customer_id, summary, key_topics, main_entities, message_count,
    first_message_date, last_message_date, tags, summary_model, summary_config_version
)
SELECT
    s.session_id,
    s.customer_id,
    %(summary)s,
    %(key_topics)s::jsonb AS key_topics,
    %(main_entities)s::jsonb AS main_entities,
    coalesce(%(message_count)s, held.message_count) AS message_count,
    coalesce(%(first_message_date)s::timestamptz, held.first_at, s.created_at)
        AS first_message_date,
    coalesce(%(last_message_date)s::timestamptz, held.last_at, s.created_at)
        AS last_message_date,
    coalesce(%(tags)s::jsonb, s.tags) AS tags,
    %(summary_model)s,
    %(summary_config_version)s
FROM chat_sessions AS s
CROSS JOIN
    LATERAL (
        SELECT
            count(*) AS message_count,
            min(m.created_at) AS first_at,
            max(m.created_at) AS last_at
        FROM chat_messages AS m
        WHERE m.customer_id = s.customer_id AND m.session_id = s.session_id
    ) AS held
WHERE s.customer_id = %(customer_id)s AND s.session_id = %(session_id)s::uuid
ON CONFLICT (customer_id, session_id) DO UPDATE
    SET
        summary = excluded.summary,
        key_topics = excluded.key_topics,
        main_entities = excluded.main_entities,
        message_count = excluded.message_count,
        first_message_date = excluded.first_message_date,
        last_message_date = excluded.last_message_date,
        tags = excluded.tags,
        summary_model = excluded.summary_model,
        summary_config_version = excluded.summary_config_version,
        last_updated = now()
RETURNING (summary_json(ss) || jsonb_build_object('is_stale', FALSE))::text;
