-- name: list_file_messages :one
-- The file audit: one page of the caller's messages with attachments, newest first, and how
-- many match in all. A message matches when one of its candidate locations passes the
-- filters: its file_locations (device-local paths containing 'emulated' are not stored files
-- and never count), plus its image_locations with check_image_locations, plus its text when
-- check_image_locations and exact_filename are given (images embedded as links).
-- Params: customer_id; older_then_date (created at or before), younger_then_date (at or
-- after), ai_only, file_extension (a location ends with it), exact_filename (a location
-- contains it), both in any letter case (NULL = no filter); check_image_locations;
-- page_offset, page_limit (NULL: all). Returns total and data = {messages, count} as JSON text.
-- Index: chat_messages_attachment_idx (a partial index over messages with attachments).
WITH matched AS NOT MATERIALIZED (
    SELECT
        m.message_id,
        m.created_at
    FROM chat_messages AS m
    WHERE
        m.customer_id = %(customer_id)s
        AND (m.file_locations <> '[]'::jsonb OR m.image_locations <> '[]'::jsonb)
        AND (
            %(older_then_date)s::timestamptz IS NULL
            OR m.created_at <= %(older_then_date)s::timestamptz
        )
        AND (
            %(younger_then_date)s::timestamptz IS NULL
            OR m.created_at >= %(younger_then_date)s::timestamptz
        )
        AND (NOT %(ai_only)s OR m.sender = 'AI')
        AND EXISTS (
            SELECT FROM (
                SELECT f.location
                FROM jsonb_array_elements_text(m.file_locations) AS f (location)
                WHERE strpos(f.location, 'emulated') = 0
                UNION ALL
                SELECT i.location
                FROM jsonb_array_elements_text(m.image_locations) AS i (location)
                WHERE %(check_image_locations)s
                UNION ALL
                SELECT m.message AS location
                WHERE
                    %(check_image_locations)s
                    AND %(exact_filename)s::text IS NOT NULL
                    AND m.message IS NOT NULL
            ) AS candidate
            WHERE
                (
                    %(file_extension)s::text IS NULL
                    OR right(lower(candidate.location), char_length(%(file_extension)s::text))
                    = lower(%(file_extension)s::text)
                )
                AND (
                    %(exact_filename)s::text IS NULL
                    OR strpos(lower(candidate.location), lower(%(exact_filename)s::text)) > 0
                )
        )
),

page AS (
    SELECT
        message_id,
        created_at
    FROM matched
    ORDER BY created_at DESC, message_id DESC
    LIMIT %(page_limit)s OFFSET %(page_offset)s
)

SELECT
    (SELECT count(*) FROM matched) AS total,
    jsonb_build_object(
        'messages', coalesce(
            jsonb_agg(
                message_json(m) ORDER BY p.created_at DESC, p.message_id DESC
            ),
            '[]'
        ),
        'count', count(*)
    )::text AS data
FROM page AS p
INNER JOIN chat_messages AS m
    ON m.customer_id = %(customer_id)s AND p.message_id = m.message_id;
