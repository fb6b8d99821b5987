-- name: select_subscription_summaries :one
-- Per user, the ids of the fighters they follow (as strings, ascending, like the original's
-- GROUP_CONCAT / string_agg list): one user's row, or every user's for an admin.
-- Params: customer_id (NULL = every user).
-- Returns data, JSON text {items: [{customer_id, accountName, email, subscriptions}], total},
-- and total (for the envelope's meta).
-- Index: users primary key; subscriptions_customer_fighter_key (customer_id leads it).
SELECT
    json_build_object(
        'items', coalesce(
            json_agg(
                json_build_object(
                    'customer_id', u.customer_id,
                    'accountName', coalesce(u.display_name, u.username, u.email),
                    'email', u.email,
                    'subscriptions', followed.ids
                )
                ORDER BY u.customer_id
            ),
            '[]'::json
        ),
        'total', count(*)
    )::text AS data,
    count(*) AS total
FROM aiapp.users AS u
CROSS JOIN
    LATERAL (
        SELECT coalesce(json_agg(s.fighter_id::text ORDER BY s.fighter_id), '[]'::json) AS ids
        FROM subscriptions AS s
        WHERE s.customer_id = u.customer_id
    ) AS followed
WHERE %(customer_id)s::bigint IS NULL OR u.customer_id = %(customer_id)s;
