-- name: copy_fighter_import :copy
-- Streams validated CSV rows into fighter_import (see create_fighter_import), in binary.
-- Params: the rows, one value per column below, in this order. Index: none (temporary table).
-- noqa: disable=LT05
-- types: integer, text, text, text, text, text, text, text, date, text, text, text, text, date, text, text, text, text, jsonb, text, text, text, integer, text, text, text, text, text
-- noqa: enable=LT05
COPY fighter_import (
    line, name, ufc_url, fighter_full_body_img_url, fighter_headshot_img_url, weight_class,
    record, sherdog_record, next_fight_date, next_fight_opponent, next_fight_opponent_record,
    opponent_headshot_url, opponent_ufc_url, rumour_next_fight_date, rumour_next_fight_opponent,
    rumour_next_fight_opponent_record, rumour_next_fight_opponent_img_url,
    rumour_opponent_ufc_url, tags, tags_dwcs, height, weight, age, description, twitter,
    instagram, sherdog, tapology
) FROM STDIN (FORMAT BINARY); -- noqa: PRS
