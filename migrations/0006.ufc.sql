-- depends: 0002.users
-- UFC: fighters, users' subscriptions to them, and the fighter-candidate queue that replaces the
-- original's AWS SQS queue. The schema itself comes from 0001.

-- Fighter search is a case-insensitive substring match (ILIKE '%term%'), which only a trigram
-- index can serve. pg_trgm is a trusted contrib extension (PostgreSQL 13+), so the database
-- owner may create it. It is database-wide and may already exist, in another schema (Supabase
-- keeps extensions in "extensions"); otherwise it goes to public, not to yoyo's bookkeeping
-- schema, which is this session's search_path.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- The text GET /fighters searches: name, weight class and every tag. Immutable, so an index can
-- be built on it; queries must call it with the same arguments to use that index.
CREATE FUNCTION ufc.fighter_search_text(name text, weight_class text, tags jsonb)
RETURNS text
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN name || ' ' || coalesce(weight_class, '') || ' ' || coalesce(
    (SELECT string_agg(tag, ' ') FROM jsonb_array_elements_text(tags) AS tag), ''
);

-- The original's columns (its camelCase names are the API's keys). Only name and ufc_url are
-- required: imports and the candidate queue create fighters before every detail is known, and
-- GET /fighters hides those missing weight class, height or weight.
CREATE TABLE ufc.fighters (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    ufc_url text NOT NULL CHECK (char_length(ufc_url) BETWEEN 1 AND 500),
    fighter_full_body_img_url text CHECK (char_length(fighter_full_body_img_url) <= 500),
    fighter_headshot_img_url text CHECK (char_length(fighter_headshot_img_url) <= 500),
    weight_class text CHECK (char_length(weight_class) <= 50),
    record text CHECK (char_length(record) <= 20),
    sherdog_record text CHECK (char_length(sherdog_record) <= 20),
    next_fight_date date,
    next_fight_opponent text CHECK (char_length(next_fight_opponent) <= 100),
    next_fight_opponent_record text CHECK (char_length(next_fight_opponent_record) <= 20),
    opponent_headshot_url text CHECK (char_length(opponent_headshot_url) <= 500),
    opponent_ufc_url text CHECK (char_length(opponent_ufc_url) <= 500),
    rumour_next_fight_date date,
    rumour_next_fight_opponent text CHECK (char_length(rumour_next_fight_opponent) <= 100),
    rumour_next_fight_opponent_record text CHECK (
        char_length(rumour_next_fight_opponent_record) <= 20
    ),
    rumour_next_fight_opponent_img_url text CHECK (
        char_length(rumour_next_fight_opponent_img_url) <= 500
    ),
    rumour_opponent_ufc_url text CHECK (char_length(rumour_opponent_ufc_url) <= 500),
    tags jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),
    tags_dwcs text CHECK (char_length(tags_dwcs) <= 40),
    height text CHECK (char_length(height) <= 20),
    weight text CHECK (char_length(weight) <= 20),
    age integer CHECK (age BETWEEN 0 AND 120),
    description text,
    twitter text CHECK (char_length(twitter) <= 500),
    instagram text CHECK (char_length(instagram) <= 500),
    sherdog text CHECK (char_length(sherdog) <= 500),
    tapology text CHECK (char_length(tapology) <= 500),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fighters_ufc_url_key UNIQUE (ufc_url)
);
-- The original treated a second fighter of the same name as a duplicate (its MySQL collation
-- compared names case-insensitively); the database now enforces it.
CREATE UNIQUE INDEX fighters_name_lower_key ON ufc.fighters (lower(name));
-- Serves the search of GET /fighters. The operator class is named with the schema pg_trgm is
-- in (see above), which only the catalogue knows.
DO $$
BEGIN
    EXECUTE format(
        'CREATE INDEX fighters_search_trgm_idx ON ufc.fighters USING gin '
        '(ufc.fighter_search_text(name, weight_class, tags) %I.gin_trgm_ops)',
        (
            SELECT n.nspname
            FROM pg_extension AS e
            INNER JOIN pg_namespace AS n ON e.extnamespace = n.oid
            WHERE e.extname = 'pg_trgm'
        )
    );
END;
$$;

-- updated_at moves only when a value really changed, so an import of unchanged rows or a PATCH
-- that sends the stored values leaves it alone.
CREATE TRIGGER fighters_touch_updated_at BEFORE UPDATE ON ufc.fighters
FOR EACH ROW WHEN (old.* IS DISTINCT FROM new.*)
EXECUTE FUNCTION aiapp.touch_updated_at();

-- A fighter as the API shows it, under the original's camelCase keys (description was
-- "mydesc"). Every query that returns fighters uses it, so the shape is defined once.
CREATE FUNCTION ufc.fighter_json(f ufc.fighters)
RETURNS jsonb
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN jsonb_build_object(
    'id', f.id,
    'name', f.name,
    'ufcUrl', f.ufc_url,
    'fighterFullBodyImgUrl', f.fighter_full_body_img_url,
    'fighterHeadshotImgUrl', f.fighter_headshot_img_url,
    'weightClass', f.weight_class,
    'record', f.record,
    'sherdogRecord', f.sherdog_record,
    'nextFightDate', f.next_fight_date,
    'nextFightOpponent', f.next_fight_opponent,
    'nextFightOpponentRecord', f.next_fight_opponent_record,
    'opponentHeadshotUrl', f.opponent_headshot_url,
    'opponentUfcUrl', f.opponent_ufc_url,
    'rumourNextFightDate', f.rumour_next_fight_date,
    'rumourNextFightOpponent', f.rumour_next_fight_opponent,
    'rumourNextFightOpponentRecord', f.rumour_next_fight_opponent_record,
    'rumourNextFightOpponentImgUrl', f.rumour_next_fight_opponent_img_url,
    'rumourOpponentUfcUrl', f.rumour_opponent_ufc_url,
    'tags', f.tags,
    'tagsDwcs', f.tags_dwcs,
    'height', f.height,
    'weight', f.weight,
    'age', f.age,
    'mydesc', f.description,
    'twitter', f.twitter,
    'instagram', f.instagram,
    'sherdog', f.sherdog,
    'tapology', f.tapology,
    'createdAt', f.created_at,
    'updatedAt', f.updated_at
);

CREATE TABLE ufc.subscriptions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    fighter_id bigint NOT NULL REFERENCES ufc.fighters (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Serves the caller's subscribed flag, the toggle and the per-user summaries.
    CONSTRAINT subscriptions_customer_fighter_key UNIQUE (customer_id, fighter_id)
);
-- Serves the cascade when a fighter is deleted.
CREATE INDEX subscriptions_fighter_id_idx ON ufc.subscriptions (fighter_id);

-- Fighters someone asked to be looked up and added. A worker claims the oldest claimable one
-- for lease_seconds (like an SQS visibility timeout: a crashed worker's claim lapses and the
-- candidate is handed out again), then marks it done or failed.
CREATE TABLE ufc.fighter_candidates (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    full_name text NOT NULL CHECK (char_length(full_name) BETWEEN 1 AND 200),
    description text CHECK (char_length(description) <= 2000),
    dwcs_info text CHECK (char_length(dwcs_info) <= 200),
    status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'claimed', 'done', 'failed')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    error text CHECK (char_length(error) <= 2000),
    created_at timestamptz NOT NULL DEFAULT now(),
    claimed_at timestamptz,
    lease_expires_at timestamptz,
    finished_at timestamptz,
    CHECK ((status = 'claimed') = (lease_expires_at IS NOT NULL)),
    CHECK ((status IN ('done', 'failed')) = (finished_at IS NOT NULL))
);
-- Serves the claim: the oldest candidate still waiting or whose lease may have lapsed.
CREATE INDEX fighter_candidates_claimable_idx ON ufc.fighter_candidates (created_at, id)
WHERE status IN ('pending', 'claimed');
-- Serves the cascade when a user is deleted.
CREATE INDEX fighter_candidates_customer_id_idx ON ufc.fighter_candidates (customer_id);
