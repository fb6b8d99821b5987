-- name: create_fighter_import :none
-- A temporary table a CSV import is copied into before its one upsert; dropped at commit.
-- line is the CSV line each row came from, for the report of rejected rows.
-- Params: none. Returns nothing. Index: its primary key (line).
CREATE TEMPORARY TABLE fighter_import (
    line integer PRIMARY KEY,
    name text NOT NULL,
    ufc_url text NOT NULL,
    fighter_full_body_img_url text,
    fighter_headshot_img_url text,
    weight_class text,
    record text,
    sherdog_record text,
    next_fight_date date,
    next_fight_opponent text,
    next_fight_opponent_record text,
    opponent_headshot_url text,
    opponent_ufc_url text,
    rumour_next_fight_date date,
    rumour_next_fight_opponent text,
    rumour_next_fight_opponent_record text,
    rumour_next_fight_opponent_img_url text,
    rumour_opponent_ufc_url text,
    tags jsonb,
    tags_dwcs text,
    height text,
    weight text,
    age integer,
    description text,
    twitter text,
    instagram text,
    sherdog text,
    tapology text
) ON COMMIT DROP;
