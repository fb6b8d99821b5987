-- name: list_groups :scalar
-- The caller's group chats, most recently changed first, each with its members in speaking
-- order. Params: customer_id. Returns {groups} as JSON text.
-- Index: chat_groups_customer_idx; chat_group_members primary key.
SELECT
    jsonb_build_object(
        'groups', coalesce(
            jsonb_agg(
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
                ORDER BY g.updated_at DESC, g.group_id ASC
            ),
            '[]'
        )
    )::text
FROM chat_groups AS g
WHERE g.customer_id = %(customer_id)s;
