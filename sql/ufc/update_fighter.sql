-- name: update_fighter :one
-- Changes the fields the patch names (absent keeps, null clears; tags sent as null become
-- []). Params: fighter_id, patch (jsonb keyed by column name).
-- Returns changed (whether any value differs) and the answer as JSON text (fighter_id, status
-- 'updated' or 'unchanged', changed, the fighter), or no row when there is no such fighter.
-- A name or ufc_url another fighter has raises a unique violation (fighters_name_lower_key /
-- fighters_ufc_url_key).
-- Index: fighters primary key.
WITH before AS (
    SELECT f.*
    FROM fighters AS f
    WHERE f.id = %(fighter_id)s
    FOR UPDATE
)

UPDATE fighters AS f
SET
    name = CASE WHEN %(patch)s::jsonb ? 'name' THEN p.name ELSE f.name END,
    ufc_url = CASE WHEN %(patch)s::jsonb ? 'ufc_url' THEN p.ufc_url ELSE f.ufc_url END,
    fighter_full_body_img_url = CASE
        WHEN %(patch)s::jsonb ? 'fighter_full_body_img_url' THEN p.fighter_full_body_img_url
        ELSE f.fighter_full_body_img_url
    END,
    fighter_headshot_img_url = CASE
        WHEN %(patch)s::jsonb ? 'fighter_headshot_img_url' THEN p.fighter_headshot_img_url
        ELSE f.fighter_headshot_img_url
    END,
    weight_class = CASE
        WHEN %(patch)s::jsonb ? 'weight_class' THEN p.weight_class ELSE f.weight_class
    END,
    record = CASE WHEN %(patch)s::jsonb ? 'record' THEN p.record ELSE f.record END,
    sherdog_record = CASE
        WHEN %(patch)s::jsonb ? 'sherdog_record' THEN p.sherdog_record ELSE f.sherdog_record
    END,
    next_fight_date = CASE
        WHEN %(patch)s::jsonb ? 'next_fight_date' THEN p.next_fight_date ELSE f.next_fight_date
    END,
    next_fight_opponent = CASE
        WHEN %(patch)s::jsonb ? 'next_fight_opponent' THEN p.next_fight_opponent
        ELSE f.next_fight_opponent
    END,
    next_fight_opponent_record = CASE
        WHEN %(patch)s::jsonb ? 'next_fight_opponent_record' THEN p.next_fight_opponent_record
        ELSE f.next_fight_opponent_record
    END,
    opponent_headshot_url = CASE
        WHEN %(patch)s::jsonb ? 'opponent_headshot_url' THEN p.opponent_headshot_url
        ELSE f.opponent_headshot_url
    END,
    opponent_ufc_url = CASE
        WHEN %(patch)s::jsonb ? 'opponent_ufc_url' THEN p.opponent_ufc_url ELSE f.opponent_ufc_url
    END,
    rumour_next_fight_date = CASE
        WHEN %(patch)s::jsonb ? 'rumour_next_fight_date' THEN p.rumour_next_fight_date
        ELSE f.rumour_next_fight_date
    END,
    rumour_next_fight_opponent = CASE
        WHEN %(patch)s::jsonb ? 'rumour_next_fight_opponent' THEN p.rumour_next_fight_opponent
        ELSE f.rumour_next_fight_opponent
    END,
    rumour_next_fight_opponent_record = CASE
        WHEN %(patch)s::jsonb ? 'rumour_next_fight_opponent_record'
            THEN p.rumour_next_fight_opponent_record
        ELSE f.rumour_next_fight_opponent_record
    END,
    rumour_next_fight_opponent_img_url = CASE
        WHEN %(patch)s::jsonb ? 'rumour_next_fight_opponent_img_url'
            THEN p.rumour_next_fight_opponent_img_url
        ELSE f.rumour_next_fight_opponent_img_url
    END,
    rumour_opponent_ufc_url = CASE
        WHEN %(patch)s::jsonb ? 'rumour_opponent_ufc_url' THEN p.rumour_opponent_ufc_url
        ELSE f.rumour_opponent_ufc_url
    END,
    tags = CASE WHEN %(patch)s::jsonb ? 'tags' THEN coalesce(p.tags, '[]'::jsonb) ELSE f.tags END,
    tags_dwcs = CASE WHEN %(patch)s::jsonb ? 'tags_dwcs' THEN p.tags_dwcs ELSE f.tags_dwcs END,
    height = CASE WHEN %(patch)s::jsonb ? 'height' THEN p.height ELSE f.height END,
    weight = CASE WHEN %(patch)s::jsonb ? 'weight' THEN p.weight ELSE f.weight END,
    age = CASE WHEN %(patch)s::jsonb ? 'age' THEN p.age ELSE f.age END,
    description = CASE
        WHEN %(patch)s::jsonb ? 'description' THEN p.description ELSE f.description
    END,
    twitter = CASE WHEN %(patch)s::jsonb ? 'twitter' THEN p.twitter ELSE f.twitter END,
    instagram = CASE WHEN %(patch)s::jsonb ? 'instagram' THEN p.instagram ELSE f.instagram END,
    sherdog = CASE WHEN %(patch)s::jsonb ? 'sherdog' THEN p.sherdog ELSE f.sherdog END,
    tapology = CASE WHEN %(patch)s::jsonb ? 'tapology' THEN p.tapology ELSE f.tapology END
FROM before AS b, jsonb_populate_record(NULL::fighters, %(patch)s::jsonb) AS p
WHERE f.id = b.id
RETURNING
    row(f.*) IS DISTINCT FROM row(b.*) AS changed,
    json_build_object(
        'fighter_id', f.id,
        'status', CASE WHEN row(f.*) IS DISTINCT FROM row(b.*) THEN 'updated' ELSE 'unchanged' END,
        'changed', row(f.*) IS DISTINCT FROM row(b.*),
        'fighter', fighter_json(f)
    )::text AS answer;
