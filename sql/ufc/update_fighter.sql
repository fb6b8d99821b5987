-- name: update_fighter :one
-- Changes the fields that were sent (the keys of patch); the others keep their value.
-- jsonb_populate_record overlays the patch's keys on the stored row, so a key not sent keeps
-- its value. Params: fighter_id, patch (jsonb keyed by column name; a null clears the column,
-- tags become []).
-- Returns fighter_id, the fighter as JSON and changed (whether any value differs), or no row
-- when there is no such fighter. A name or ufc_url another fighter has raises a unique
-- violation (fighters_name_lower_key / fighters_ufc_url_key).
-- Index: fighters primary key.
WITH before AS (
    SELECT f.*
    FROM fighters AS f
    WHERE f.id = %(fighter_id)s
    FOR UPDATE
)

UPDATE fighters AS f
SET (
    name, ufc_url, fighter_full_body_img_url, fighter_headshot_img_url, weight_class,
    record, sherdog_record, next_fight_date, next_fight_opponent, next_fight_opponent_record,
    opponent_headshot_url, opponent_ufc_url, rumour_next_fight_date,
    rumour_next_fight_opponent, rumour_next_fight_opponent_record,
    rumour_next_fight_opponent_img_url, rumour_opponent_ufc_url, tags, tags_dwcs, height,
    weight, age, description, twitter, instagram, sherdog, tapology
) = (
    SELECT
        p.name,
        p.ufc_url,
        p.fighter_full_body_img_url,
        p.fighter_headshot_img_url,
        p.weight_class,
        p.record,
        p.sherdog_record,
        p.next_fight_date,
        p.next_fight_opponent,
        p.next_fight_opponent_record,
        p.opponent_headshot_url,
        p.opponent_ufc_url,
        p.rumour_next_fight_date,
        p.rumour_next_fight_opponent,
        p.rumour_next_fight_opponent_record,
        p.rumour_next_fight_opponent_img_url,
        p.rumour_opponent_ufc_url,
        coalesce(p.tags, '[]'::jsonb) AS tags,
        p.tags_dwcs,
        p.height,
        p.weight,
        p.age,
        p.description,
        p.twitter,
        p.instagram,
        p.sherdog,
        p.tapology
    -- f is the row being updated (a whole-row reference, not a column of p).
    FROM jsonb_populate_record(f, %(patch)s) AS p -- noqa: RF03
)
FROM before AS b
WHERE f.id = b.id
RETURNING
    f.id AS fighter_id,
    fighter_json(f) AS fighter,
    to_jsonb(f) IS DISTINCT FROM to_jsonb(b) AS changed;
