-- name: delete_group :none
-- Deletes one of the caller's group chats with its members; its sessions stay, as one-agent
-- chats (chat_sessions_group_fkey sets their group_id to NULL).
-- Params: customer_id, group_id. Returns rows deleted (0 or 1).
-- Index: chat_groups primary key; chat_sessions_group_idx.
DELETE FROM chat_groups
WHERE group_id = %(group_id)s::uuid AND customer_id = %(customer_id)s;
