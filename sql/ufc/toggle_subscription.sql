-- name: toggle_subscription :one
-- Subscribes the user to a fighter or unsubscribes them: to the state asked for, or to the
-- opposite of the current one when subscribe is NULL.
-- Params: customer_id, fighter_id, subscribe (true, false or NULL = flip).
-- Returns changed, the message, and the answer as JSON text: person_id and customer_id (both
-- the user: the original called it person_id), fighter_id, subscribed (the state now),
-- subscription_status ('1' or '0', as the original), changed, updated_at (when it changed)
-- and the message; no row when there is no such fighter.
-- Index: subscriptions_customer_fighter_key, fighters primary key.
WITH fighter AS (
    SELECT f.id FROM fighters AS f
    WHERE f.id = %(fighter_id)s
),

wanted AS (
    SELECT
        coalesce(
            %(subscribe)s::boolean,
            NOT EXISTS (
                SELECT FROM subscriptions AS s
                WHERE s.customer_id = %(customer_id)s AND s.fighter_id = %(fighter_id)s
            )
        ) AS subscribed
),

added AS (
    INSERT INTO subscriptions (customer_id, fighter_id)
    SELECT
        %(customer_id)s,
        f.id
    FROM fighter AS f, wanted AS w
    WHERE w.subscribed
    ON CONFLICT (customer_id, fighter_id) DO NOTHING
    RETURNING created_at
),

removed AS (
    DELETE FROM subscriptions AS s
    USING wanted AS w
    WHERE
        s.customer_id = %(customer_id)s
        AND s.fighter_id = %(fighter_id)s
        AND NOT w.subscribed
    RETURNING now() AS removed_at
),

state AS (
    SELECT
        w.subscribed,
        EXISTS (SELECT FROM added) OR EXISTS (SELECT FROM removed) AS changed,
        coalesce(
            (SELECT a.created_at FROM added AS a), (SELECT r.removed_at FROM removed AS r)
        ) AS updated_at
    FROM wanted AS w
    WHERE EXISTS (SELECT FROM fighter)
),

said AS (
    SELECT
        st.subscribed,
        st.changed,
        st.updated_at,
        CASE
            WHEN st.changed THEN 'Subscription updated'
            ELSE 'Subscription already as requested'
        END AS message
    FROM state AS st
)

SELECT
    said.changed,
    said.message,
    json_build_object(
        'person_id', %(customer_id)s::bigint,
        'customer_id', %(customer_id)s::bigint,
        'fighter_id', %(fighter_id)s::bigint,
        'subscribed', said.subscribed,
        'subscription_status', CASE WHEN said.subscribed THEN '1' ELSE '0' END,
        'changed', said.changed,
        'updated_at', said.updated_at,
        'message', said.message
    )::text AS answer
FROM said;
