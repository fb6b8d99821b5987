-- name: insert_fighter :one
-- Creates a fighter unless one already has its name (any letter case) or its ufc_url.
-- Params: fighter (jsonb keyed by column name; columns not sent take their defaults).
-- Returns created, fighter_id and, when created, the answer as JSON text (fighter_id, status,
-- changed, the fighter); for a duplicate, the existing fighter's id and whether its name
-- and/or ufc_url matched.
-- Index: fighters_name_lower_key, fighters_ufc_url_key (the conflict and the duplicate lookup).
WITH incoming AS (
    SELECT r.*
    FROM jsonb_populate_record(NULL::fighters, %(fighter)s) AS r
),

inserted AS (
    INSERT INTO fighters AS f (
        name, ufc_url, fighter_full_body_img_url, fighter_headshot_img_url, weight_class,
        record, sherdog_record, next_fight_date, next_fight_opponent, next_fight_opponent_record,
        opponent_headshot_url, opponent_ufc_url, rumour_next_fight_date,
        rumour_next_fight_opponent, rumour_next_fight_opponent_record,
        rumour_next_fight_opponent_img_url, rumour_opponent_ufc_url, tags, tags_dwcs, height,
        weight, age, description, twitter, instagram, sherdog, tapology
    )
    SELECT
        i.name,
        i.ufc_url,
        i.fighter_full_body_img_url,
        i.fighter_headshot_img_url,
        i.weight_class,
        i.record,
        i.sherdog_record,
        i.next_fight_date,
        i.next_fight_opponent,
        i.next_fight_opponent_record,
        i.opponent_headshot_url,
        i.opponent_ufc_url,
        i.rumour_next_fight_date,
        i.rumour_next_fight_opponent,
        i.rumour_next_fight_opponent_record,
        i.rumour_next_fight_opponent_img_url,
        i.rumour_opponent_ufc_url,
        coalesce(i.tags, '[]'::jsonb) AS tags,
        i.tags_dwcs,
        i.height,
        i.weight,
        i.age,
        i.description,
        i.twitter,
        i.instagram,
        i.sherdog,
        i.tapology
    FROM incoming AS i
    ON CONFLICT DO NOTHING
    RETURNING f.id, fighter_json(f) AS fighter
)

SELECT
    TRUE AS created,
    ins.id AS fighter_id,
    json_build_object(
        'fighter_id', ins.id, 'status', 'created', 'changed', TRUE, 'fighter', ins.fighter
    )::text AS answer,
    FALSE AS name_taken,
    FALSE AS ufc_url_taken
FROM inserted AS ins
UNION ALL
(
    SELECT
        FALSE AS created,
        f.id AS fighter_id,
        NULL AS answer,
        lower(f.name) = lower(i.name) AS name_taken,
        f.ufc_url = i.ufc_url AS ufc_url_taken
    FROM fighters AS f
    INNER JOIN incoming AS i
        ON lower(f.name) = lower(i.name) OR f.ufc_url = i.ufc_url
    WHERE NOT EXISTS (SELECT FROM inserted)
    ORDER BY ufc_url_taken DESC, f.id ASC
    LIMIT 1
);
