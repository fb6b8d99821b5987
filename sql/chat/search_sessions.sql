-- name: search_sessions :scalar
-- Full-text search over the caller's messages, session names, character names and group
-- names (websearch syntax: words, "phrases", -excluded, or), in the 'simple' configuration so
-- any language matches word for word. A session ranks by the sum of its hits' ts_rank, so more
-- matching messages rank higher; ties go to the most recently updated. Each result carries a
-- highlighted snippet (<b>...</b>) of its best-matching message, else of its name.
-- Params: customer_id, search_text, page_limit.
-- Returns {sessions (each with rank, match_count, snippet), count} as JSON text.
-- Index: chat_messages_search_idx, chat_sessions_search_idx, chat_groups_name_search_idx;
-- chat_messages_session_idx (the best message of each result).
WITH query AS NOT MATERIALIZED (
    SELECT websearch_to_tsquery('simple', %(search_text)s) AS q
),

hits AS (
    SELECT
        m.session_id,
        m.message_id,
        ts_rank(m.search_vector, query.q) AS rank
    FROM chat_messages AS m
    CROSS JOIN query
    WHERE m.customer_id = %(customer_id)s AND m.search_vector @@ query.q
    UNION ALL
    SELECT
        s.session_id,
        NULL AS message_id,
        ts_rank(s.search_vector, query.q) AS rank
    FROM chat_sessions AS s
    CROSS JOIN query
    WHERE s.customer_id = %(customer_id)s AND s.search_vector @@ query.q
    UNION ALL
    SELECT
        s.session_id,
        NULL AS message_id,
        ts_rank(to_tsvector('simple', coalesce(g.name, '')), query.q) AS rank
    FROM chat_groups AS g
    INNER JOIN chat_sessions AS s ON g.group_id = s.group_id
    CROSS JOIN query
    WHERE
        g.customer_id = %(customer_id)s
        AND to_tsvector('simple', coalesce(g.name, '')) @@ query.q
),

ranked AS (
    SELECT
        session_id,
        sum(rank) AS rank,
        count(message_id) AS match_count
    FROM hits
    GROUP BY session_id
),

top AS (
    SELECT
        r.session_id,
        r.rank,
        r.match_count,
        s.last_update
    FROM ranked AS r
    INNER JOIN chat_sessions AS s ON r.session_id = s.session_id
    ORDER BY r.rank DESC, s.last_update DESC
    LIMIT %(page_limit)s
)

SELECT
    jsonb_build_object(
        'sessions', coalesce(
            jsonb_agg(
                (to_jsonb(s) - 'search_vector')
                || jsonb_build_object(
                    'group_name', g.name,
                    'rank', t.rank,
                    'match_count', t.match_count,
                    'snippet', ts_headline(
                        'simple',
                        coalesce(bm.message, concat_ws(' ', s.session_name, g.name)),
                        query.q,
                        'MaxWords=30, MinWords=10, MaxFragments=2'
                    )
                )
                ORDER BY t.rank DESC, t.last_update DESC
            ),
            '[]'
        ),
        'count', count(*)
    )::text
FROM top AS t
INNER JOIN chat_sessions AS s ON t.session_id = s.session_id
LEFT JOIN chat_groups AS g ON s.group_id = g.group_id
CROSS JOIN query
LEFT JOIN LATERAL (
    SELECT m.message
    FROM chat_messages AS m
    WHERE m.session_id = t.session_id AND m.search_vector @@ query.q
    ORDER BY ts_rank(m.search_vector, query.q) DESC, m.message_id ASC
    LIMIT 1
) AS bm ON TRUE;
