-- name: convert_session_to_group :one
-- Turns one of the caller's one-agent sessions into a group chat, as the original did: a new
-- group whose agents are the session's character first, then the given agents (duplicates
-- dropped, order kept), with "sherlock" leading when present, else the first; the session is
-- linked to it and keeps its messages as the group's history. Nothing is written unless the
-- session is the caller's, is not already in a group and the roster has 2..max_agents agents.
-- Params: customer_id, session_id, name, mode, context_window_size, agents (text[], distinct,
-- lower-case), max_agents.
-- Returns session_found, already_group, agent_count and group_id (NULL when nothing was made).
-- Index: chat_sessions_pkey (the session, locked FOR UPDATE against a concurrent conversion).
WITH target AS (
    SELECT
        s.session_id,
        s.group_id,
        lower(btrim(s.ai_character_name)) AS agent
    FROM chat_sessions AS s
    WHERE s.session_id = %(session_id)s::uuid AND s.customer_id = %(customer_id)s
    FOR UPDATE
),

roster AS (
    SELECT array_agg(r.agent_name ORDER BY r.first_seen) AS agents
    FROM (
        SELECT
            a.agent_name,
            min(a.ord) AS first_seen
        FROM target AS t
        CROSS JOIN
            unnest(ARRAY[t.agent] || %(agents)s::text[]) WITH ORDINALITY AS a (agent_name, ord)
        GROUP BY a.agent_name
    ) AS r
),

created AS (
    INSERT INTO chat_groups (customer_id, name, mode, context_window_size)
    SELECT
        %(customer_id)s,
        %(name)s,
        %(mode)s,
        %(context_window_size)s
    FROM target AS t
    CROSS JOIN roster AS r
    WHERE
        t.group_id IS NULL
        AND cardinality(r.agents) BETWEEN 2 AND %(max_agents)s
    RETURNING customer_id, group_id
),

members AS (
    INSERT INTO chat_group_members (customer_id, group_id, agent_name, position, role)
    SELECT
        c.customer_id,
        c.group_id,
        a.agent_name,
        a.ord - 1 AS position,
        CASE
            WHEN
                a.agent_name = CASE
                    WHEN 'sherlock' = any(r.agents) THEN 'sherlock' ELSE r.agents[1]
                END
                THEN 'leader'
            ELSE 'member'
        END AS role
    FROM created AS c
    CROSS JOIN roster AS r
    CROSS JOIN unnest(r.agents) WITH ORDINALITY AS a (agent_name, ord)
),

linked AS (
    UPDATE chat_sessions AS s
    SET group_id = c.group_id
    FROM created AS c
    WHERE s.session_id = %(session_id)s::uuid AND s.customer_id = %(customer_id)s
    RETURNING s.session_id
)

SELECT
    (SELECT count(*) > 0 FROM target) AS session_found,
    coalesce((SELECT t.group_id IS NOT NULL FROM target AS t), FALSE) AS already_group,
    coalesce((SELECT cardinality(r.agents) FROM roster AS r), 0) AS agent_count,
    (SELECT c.group_id FROM created AS c) AS group_id;
