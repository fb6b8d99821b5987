-- One schema per domain. aiapp_nonprod mirrors the Garmin tables of aiapp for non-production
-- data; blood and ufc hold their domains. A trigger function shared by every table that keeps
-- an updated_at column lives in aiapp.

CREATE SCHEMA IF NOT EXISTS aiapp;
CREATE SCHEMA IF NOT EXISTS aiapp_nonprod;
CREATE SCHEMA IF NOT EXISTS blood;
CREATE SCHEMA IF NOT EXISTS ufc;

CREATE FUNCTION aiapp.touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
