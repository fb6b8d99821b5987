-- name: upsert_fighter_import :one
-- Upserts the imported rows by ufc_url in one statement. Rows that cannot be applied are
-- rejected, with the reason, instead of failing the import: an earlier line whose ufc_url a
-- later line repeats (the later one wins), a name another fighter already has, and a name an
-- earlier line of the file already uses for another ufc_url.
-- Params: none (reads fighter_import).
-- Returns inserted, updated, unchanged (counts) and rejected (JSON [{line, reason}]); a row is
-- inserted when created, updated when a value changed (the trigger then moved updated_at).
-- Index: fighters_ufc_url_key (the upsert), fighters_name_lower_key (name clashes).
WITH latest AS (
    SELECT
        i.*,
        row_number() OVER (PARTITION BY i.ufc_url ORDER BY i.line DESC) AS url_rank
    FROM fighter_import AS i
),

named AS (
    SELECT
        l.*,
        first_value(l.line) OVER (
            PARTITION BY lower(l.name) ORDER BY l.line
        ) AS first_line_with_name
    FROM latest AS l
    WHERE l.url_rank = 1
),

rejected AS (
    SELECT
        l.line,
        'line ' || max(later.line) || ' has the same ufc_url' AS reason
    FROM latest AS l
    INNER JOIN fighter_import AS later ON l.ufc_url = later.ufc_url AND l.line < later.line
    WHERE l.url_rank > 1
    GROUP BY l.line
    UNION ALL
    SELECT
        n.line,
        'fighter ' || f.id || ' already has the name ' || f.name AS reason
    FROM named AS n
    INNER JOIN fighters AS f ON lower(n.name) = lower(f.name) AND n.ufc_url <> f.ufc_url
    UNION ALL
    SELECT
        n.line,
        'line ' || n.first_line_with_name || ' has the same name' AS reason
    FROM named AS n
    WHERE n.line <> n.first_line_with_name
),

upserted AS (
    INSERT INTO fighters AS f (
        name, ufc_url, fighter_full_body_img_url, fighter_headshot_img_url, weight_class,
        record, sherdog_record, next_fight_date, next_fight_opponent, next_fight_opponent_record,
        opponent_headshot_url, opponent_ufc_url, rumour_next_fight_date,
        rumour_next_fight_opponent, rumour_next_fight_opponent_record,
        rumour_next_fight_opponent_img_url, rumour_opponent_ufc_url, tags, tags_dwcs, height,
        weight, age, description, twitter, instagram, sherdog, tapology
    )
    SELECT
        n.name,
        n.ufc_url,
        n.fighter_full_body_img_url,
        n.fighter_headshot_img_url,
        n.weight_class,
        n.record,
        n.sherdog_record,
        n.next_fight_date,
        n.next_fight_opponent,
        n.next_fight_opponent_record,
        n.opponent_headshot_url,
        n.opponent_ufc_url,
        n.rumour_next_fight_date,
        n.rumour_next_fight_opponent,
        n.rumour_next_fight_opponent_record,
        n.rumour_next_fight_opponent_img_url,
        n.rumour_opponent_ufc_url,
        coalesce(n.tags, '[]'::jsonb) AS tags,
        n.tags_dwcs,
        n.height,
        n.weight,
        n.age,
        n.description,
        n.twitter,
        n.instagram,
        n.sherdog,
        n.tapology
    FROM named AS n
    WHERE n.line NOT IN (SELECT r.line FROM rejected AS r)
    ORDER BY n.line
    ON CONFLICT (ufc_url) DO UPDATE
        SET
            name = excluded.name,
            fighter_full_body_img_url = excluded.fighter_full_body_img_url,
            fighter_headshot_img_url = excluded.fighter_headshot_img_url,
            weight_class = excluded.weight_class,
            record = excluded.record,
            sherdog_record = excluded.sherdog_record,
            next_fight_date = excluded.next_fight_date,
            next_fight_opponent = excluded.next_fight_opponent,
            next_fight_opponent_record = excluded.next_fight_opponent_record,
            opponent_headshot_url = excluded.opponent_headshot_url,
            opponent_ufc_url = excluded.opponent_ufc_url,
            rumour_next_fight_date = excluded.rumour_next_fight_date,
            rumour_next_fight_opponent = excluded.rumour_next_fight_opponent,
            rumour_next_fight_opponent_record = excluded.rumour_next_fight_opponent_record,
            rumour_next_fight_opponent_img_url = excluded.rumour_next_fight_opponent_img_url,
            rumour_opponent_ufc_url = excluded.rumour_opponent_ufc_url,
            tags = excluded.tags,
            tags_dwcs = excluded.tags_dwcs,
            height = excluded.height,
            weight = excluded.weight,
            age = excluded.age,
            description = excluded.description,
            twitter = excluded.twitter,
            instagram = excluded.instagram,
            sherdog = excluded.sherdog,
            tapology = excluded.tapology
    RETURNING f.created_at = now() AS inserted, f.updated_at = now() AS touched
)

SELECT
    count(*) FILTER (WHERE u.inserted) AS inserted,
    count(*) FILTER (WHERE NOT u.inserted AND u.touched) AS updated,
    count(*) FILTER (WHERE NOT u.touched) AS unchanged,
    (
        SELECT
            coalesce(
                json_agg(json_build_object('line', r.line, 'reason', r.reason) ORDER BY r.line),
                '[]'::json
            )
        FROM rejected AS r
    ) AS rejected
FROM upserted AS u;
