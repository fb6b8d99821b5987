-- name: search_sessions :scalar
-- Substring search over the caller's messages, session names, character names and group
-- names, in any letter case, as the original's LIKE matched (`pizz` finds "Pizza", `breads` nothing
-- in "bread"): the whole search text is one literal pattern (its LIKE wildcards escaped).
-- Ranking: a session where the text occurs as whole words (the 'simple' tsvector phrase, any
-- language) ranks above every session where it is only part of a word; within each tier more
-- matching rows rank higher; ties go to the most recently updated. rank = 1 + e/(e+1) with e
-- whole-word hits, else h/(h+1) with h partial hits, so whole-word sessions sit in [1.5, 2)
-- and partial ones in [0.5, 1). Each result carries its best message (whole-word first, then
-- the earliest) as a snippet with the matches in <b>...</b>, else its name.
-- Params: customer_id, search_text, page_limit.
-- Returns {sessions (each with rank, match_count, snippet), count} as JSON text.
-- Index: chat_messages_message_trgm_idx, chat_sessions_name_trgm_idx, chat_groups_name_trgm_idx
-- (pg_trgm serves the ILIKE substring patterns); chat_sessions_pkey.
-- Plan on 100k messages of one user plus 100k of another, 100 of each user's containing
-- 'needle' (EXPLAIN ANALYZE, PostgreSQL 18 embedded; the message arm, the rest is tiny):
--   Bitmap Heap Scan on chat_messages m (actual rows=100)
--     ->  Bitmap Index Scan on chat_messages_message_trgm_idx (actual rows=100)
--           Index Cond: ((customer_id = '1'::bigint) AND (message ~~* '%%needle%%'::text))
--   Execution Time: 3.3 ms ('NEEDL': 2.9 ms); with index scans off: 188 ms.
-- A text in nearly every message ('hay', 99.9%% of rows) is read sequentially (288 ms): the
-- planner's right choice when the index would return the whole table.
-- customer_id is cast to bigint so that the index's btree_gin column (int8_ops) applies.
WITH query AS NOT MATERIALIZED (
    SELECT
        '%%' || replace(
            replace(replace(btrim(%(search_text)s), '\', '\\'), '%%', '\%%'), '_', '\_'
        ) || '%%' AS pattern,
        phraseto_tsquery('simple', %(search_text)s) AS words,
        -- The text as a literal, case-insensitive regular expression, to mark it in snippets.
        regexp_replace(btrim(%(search_text)s), '([\\.^$|?*+()\[\]{}-])', '\\\1', 'g') AS marker
),

hits AS (
    SELECT
        m.session_id,
        m.message_id,
        m.search_vector @@ query.words AS whole_word
    FROM chat_messages AS m
    CROSS JOIN query
    WHERE m.customer_id = %(customer_id)s::bigint AND m.message ILIKE query.pattern
    UNION ALL
    SELECT
        s.session_id,
        NULL AS message_id,
        s.search_vector @@ query.words AS whole_word
    FROM chat_sessions AS s
    CROSS JOIN query
    WHERE
        s.customer_id = %(customer_id)s::bigint
        AND (s.session_name || ' ' || s.ai_character_name) ILIKE query.pattern
    UNION ALL
    SELECT
        s.session_id,
        NULL AS message_id,
        to_tsvector('simple', g.name) @@ query.words AS whole_word
    FROM chat_groups AS g
    INNER JOIN chat_sessions AS s ON g.customer_id = s.customer_id AND g.group_id = s.group_id
    CROSS JOIN query
    WHERE g.customer_id = %(customer_id)s::bigint AND g.name ILIKE query.pattern
),

ranked AS (
    SELECT
        session_id,
        count(*) FILTER (WHERE whole_word) AS whole_hits,
        count(*) AS all_hits,
        count(message_id) AS match_count
    FROM hits
    GROUP BY session_id
),

top AS (
    SELECT
        r.session_id,
        r.match_count,
        s.last_update,
        CASE
            WHEN r.whole_hits > 0 THEN 1 + r.whole_hits / (r.whole_hits + 1.0)
            ELSE r.all_hits / (r.all_hits + 1.0)
        END::float8 AS rank
    FROM ranked AS r
    INNER JOIN chat_sessions AS s
        ON s.customer_id = %(customer_id)s::bigint AND r.session_id = s.session_id
    ORDER BY rank DESC, s.last_update DESC
    LIMIT %(page_limit)s
)

SELECT
    jsonb_build_object(
        'sessions', coalesce(
            jsonb_agg(
                session_json(s)
                || jsonb_build_object(
                    'group_name', g.name,
                    'rank', t.rank,
                    'match_count', t.match_count,
                    'snippet', regexp_replace(
                        coalesce(bm.excerpt, concat_ws(' ', s.session_name, g.name)),
                        query.marker,
                        '<b>\&</b>',
                        'gi'
                    )
                )
                ORDER BY t.rank DESC, t.last_update DESC
            ),
            '[]'
        ),
        'count', count(*)
    )::text
FROM top AS t
INNER JOIN chat_sessions AS s
    ON s.customer_id = %(customer_id)s::bigint AND t.session_id = s.session_id
LEFT JOIN chat_groups AS g ON s.customer_id = g.customer_id AND s.group_id = g.group_id
CROSS JOIN query
LEFT JOIN LATERAL (
    -- Up to 60 characters before the first match and 180 after its start.
    SELECT
        substr(
            m.message,
            greatest(1, strpos(lower(m.message), lower(btrim(%(search_text)s))) - 60),
            240
        ) AS excerpt
    FROM chat_messages AS m
    WHERE
        m.customer_id = s.customer_id
        AND m.session_id = t.session_id
        AND m.message ILIKE query.pattern
    ORDER BY m.search_vector @@ query.words DESC, m.created_at ASC, m.message_id ASC
    LIMIT 1
) AS bm ON TRUE;
