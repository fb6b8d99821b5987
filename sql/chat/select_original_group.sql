-- name: select_original_group :scalar
-- One of the caller's group chats in the original's GroupResponse shape
-- (chat_group_original_documents), for /api/v1/groups. Params: customer_id, group_id.
-- Returns the group as JSON text, or NULL when it is not the caller's.
-- Index: chat_groups primary key; chat_group_members primary key.
SELECT document::text
FROM chat_group_original_documents
WHERE group_id = %(group_id)s::uuid AND customer_id = %(customer_id)s;
