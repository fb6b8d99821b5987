-- name: select_group :scalar
-- One of the caller's group chats with its members in speaking order.
-- Params: customer_id, group_id. Returns the group as JSON text, or NULL when it is not the
-- caller's. Index: chat_groups primary key; chat_group_members primary key.
SELECT
    (
        to_jsonb(g)
        || jsonb_build_object(
            'leader_agent', (
                SELECT m.agent_name
                FROM chat_group_members AS m
                WHERE m.group_id = g.group_id AND m.role = 'leader'
            ),
            'members', (
                SELECT
                    coalesce(
                        jsonb_agg(to_jsonb(m) - 'group_id' ORDER BY m.position), '[]'
                    )
                FROM chat_group_members AS m
                WHERE m.group_id = g.group_id
            )
        )
    )::text
FROM chat_groups AS g
WHERE g.group_id = %(group_id)s::uuid AND g.customer_id = %(customer_id)s;
