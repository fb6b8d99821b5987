-- name: insert_group :scalar
-- Creates a group chat with its agents in speaking order; "sherlock" leads when present,
-- else the first agent. Params: customer_id, name, mode, context_window_size, agents (text[],
-- distinct, lower-case). Returns the group_id. Index: none read (inserts only).
WITH created AS (
    INSERT INTO chat_groups (customer_id, name, mode, context_window_size)
    VALUES (%(customer_id)s, %(name)s, %(mode)s, %(context_window_size)s)
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
                    WHEN 'sherlock' = any(%(agents)s::text[]) THEN 'sherlock'
                    ELSE (%(agents)s::text[])[1]
                END
                THEN 'leader'
            ELSE 'member'
        END AS role
    FROM created AS c
    CROSS JOIN unnest(%(agents)s::text[]) WITH ORDINALITY AS a (agent_name, ord)
)

SELECT group_id FROM created;
