-- name: select_fighters :one
-- One page of GET /fighters, each fighter with the caller's subscription flag, and the total
-- before paging. search (NULL = all) is a case-insensitive substring of name, weight class or
-- any tag; its LIKE wildcards are escaped, so it matches literally. Fighters missing weight
-- class, height or weight are left out unless include_incomplete. With a search, fighters
-- where it occurs as whole words (Jones for "jones") come before those where it is only part
-- of a word (Jonesy), then by id; without one, by id.
-- Params: customer_id (the caller), search, include_incomplete, page (from 1), page_size.
-- Returns data (the page as JSON text: fighters, total, page, page_size, has_more, search,
-- subscriptions_enabled), and for the envelope's meta: total, has_more, returned (on the
-- page). A page past the end has no fighters.
-- Index: fighters_search_trgm_idx (search), fighters primary key (order and page),
-- subscriptions_customer_fighter_key (the flag).
WITH matched AS (
    SELECT
        f.id,
        coalesce(
            to_tsvector('simple', fighter_search_text(f.name, f.weight_class, f.tags))
            @@ phraseto_tsquery('simple', %(search)s::text),
            FALSE
        ) AS whole_word
    FROM fighters AS f
    WHERE
        (
            %(include_incomplete)s
            OR (f.weight_class IS NOT NULL AND f.height IS NOT NULL AND f.weight IS NOT NULL)
        )
        AND (
            %(search)s::text IS NULL
            OR fighter_search_text(f.name, f.weight_class, f.tags) ILIKE '%%' || replace(
                replace(replace(%(search)s::text, '\', '\\'), '%%', '\%%'), '_', '\_'
            ) || '%%'
        )
),

total AS (
    SELECT count(*) AS n FROM matched
),

chosen AS (
    SELECT
        m.id,
        row_number() OVER (ORDER BY m.whole_word DESC, m.id ASC) AS position
    FROM matched AS m
    ORDER BY position ASC
    LIMIT %(page_size)s::bigint OFFSET (%(page)s::bigint - 1) * %(page_size)s::bigint
),

page AS (
    SELECT
        chosen.position,
        fighter_json(f) || jsonb_build_object(
            'subscribed', s.id IS NOT NULL,
            'subscription_status', CASE WHEN s.id IS NULL THEN '0' ELSE '1' END
        ) AS fighter
    FROM fighters AS f
    LEFT JOIN subscriptions AS s
        ON s.customer_id = %(customer_id)s AND f.id = s.fighter_id
    INNER JOIN chosen ON f.id = chosen.id
)

SELECT
    json_build_object(
        'fighters', (
            SELECT coalesce(json_agg(p.fighter ORDER BY p.position), '[]'::json) FROM page AS p
        ),
        'total', t.n,
        'page', %(page)s::bigint,
        'page_size', %(page_size)s::bigint,
        'has_more', %(page)s::bigint * %(page_size)s::bigint < t.n,
        'search', %(search)s::text,
        'subscriptions_enabled', TRUE
    )::text AS data,
    t.n AS total,
    %(page)s::bigint * %(page_size)s::bigint < t.n AS has_more,
    (SELECT count(*) FROM page) AS returned
FROM total AS t;
