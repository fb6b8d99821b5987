-- name: list_original_groups :scalar
-- The caller's group chats in the original's GroupListResponse shape ({groups}), most recently
-- changed first (chat_group_original_documents), for /api/v1/groups. Params: customer_id.
-- Returns {groups} as JSON text. Index: chat_groups_customer_idx; chat_group_members primary
-- key.
SELECT
    json_build_object(
        'groups', coalesce(json_agg(document ORDER BY updated_at DESC, group_id ASC), '[]'::json)
    )::text
FROM chat_group_original_documents
WHERE customer_id = %(customer_id)s;
