-- name: update_group :one
-- Changes one of the caller's group chats: name and context_window_size when the patch
-- names them (absent keeps; the schema drops the nulls the original's clients send for
-- "keep"); remove_agents leave (never the leader); add_agents join after the last position
-- (agents already in the group are skipped).
-- Params: customer_id, group_id, patch (jsonb: name, context_window_size), add_agents,
-- remove_agents (text[], lower-case). Returns leader_agent and member_count (after the
-- change) so the caller can refuse, and roll back, a change that removes the leader or
-- exceeds the member limit; no row when the group is not the caller's.
-- Index: chat_groups and chat_group_members primary keys.
WITH changed AS (
    UPDATE chat_groups AS g
    SET
        name = CASE WHEN %(patch)s::jsonb ? 'name' THEN p.name ELSE g.name END,
        context_window_size = CASE
            WHEN %(patch)s::jsonb ? 'context_window_size' THEN p.context_window_size
            ELSE g.context_window_size
        END
    FROM jsonb_populate_record(NULL::chat_groups, %(patch)s::jsonb) AS p
    WHERE g.group_id = %(group_id)s::uuid AND g.customer_id = %(customer_id)s
    RETURNING g.customer_id, g.group_id
),

current_members AS (
    SELECT
        m.agent_name,
        m.position,
        m.role
    FROM chat_group_members AS m
    INNER JOIN changed AS c ON m.customer_id = c.customer_id AND m.group_id = c.group_id
),

removed AS (
    DELETE FROM chat_group_members AS m
    USING changed AS c
    WHERE
        m.customer_id = c.customer_id
        AND m.group_id = c.group_id
        AND m.role <> 'leader'
        AND m.agent_name = any(%(remove_agents)s::text[])
    RETURNING m.agent_name
),

added AS (
    INSERT INTO chat_group_members (customer_id, group_id, agent_name, position)
    SELECT
        c.customer_id,
        c.group_id,
        a.agent_name,
        (SELECT coalesce(max(position), -1) FROM current_members) + a.ord AS position
    FROM changed AS c
    CROSS JOIN unnest(%(add_agents)s::text[]) WITH ORDINALITY AS a (agent_name, ord)
    WHERE a.agent_name NOT IN (SELECT agent_name FROM current_members)
    RETURNING agent_name
)

SELECT
    (
        SELECT agent_name FROM current_members
        WHERE role = 'leader'
    ) AS leader_agent,
    (SELECT count(*) FROM current_members)
    - (SELECT count(*) FROM removed)
    + (SELECT count(*) FROM added) AS member_count
FROM changed;
