-- name: select_favorites :scalar
-- The caller's favorite messages, newest first, exported as one pseudo-session with a fresh
-- id 'favorites_<uuid>'. Without include_session_metadata the session carries only its id and
-- messages. Params: customer_id, include_session_metadata.
-- Returns {"session": the session} as JSON text. Index: chat_messages_favorite_idx.
SELECT
    jsonb_build_object('session', (
        CASE
            WHEN %(include_session_metadata)s
                THEN jsonb_build_object(
                    'customer_id', %(customer_id)s::bigint,
                    'session_name', 'Favorite Messages',
                    'ai_character_name', 'tools_artgen',
                    'tags', '[]'::jsonb,
                    'created_at', now(),
                    'last_update', now()
                )
            ELSE '{}'
        END
        || jsonb_build_object(
            'session_id', 'favorites_' || gen_random_uuid(),
            'messages', coalesce(
                jsonb_agg(
                    message_json(m) ORDER BY m.created_at DESC, m.message_id DESC
                ),
                '[]'
            )
        )
    ))::text
FROM chat_messages AS m
WHERE m.customer_id = %(customer_id)s AND m.favorite;
