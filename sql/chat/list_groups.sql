-- name: list_groups :scalar
-- The caller's group chats, most recently changed first, each with its members in speaking
-- order (chat_group_documents). Params: customer_id. Returns {groups} as JSON text.
-- Index: chat_groups_customer_idx; chat_group_members primary key.
SELECT
    jsonb_build_object(
        'groups', coalesce(jsonb_agg(document ORDER BY updated_at DESC, group_id ASC), '[]')
    )::text
FROM chat_group_documents
WHERE customer_id = %(customer_id)s;
