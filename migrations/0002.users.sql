-- depends: 0001.schemas
-- Users, their bearer tokens, and the failed-login counters that rate limiting reads.
-- A user's id is the customer_id of the original API, and the owning-user column of every
-- other table references it.

CREATE TABLE aiapp.users (
    customer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 320 AND email LIKE '%_@_%'),
    username text CHECK (username ~ '^[A-Za-z0-9_.-]{2,50}$'),
    password_hash text NOT NULL CHECK (password_hash LIKE '$2%'),
    display_name text CHECK (char_length(display_name) <= 100),
    role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    language text NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    photo_url text CHECK (char_length(photo_url) <= 2048),
    disabled boolean NOT NULL DEFAULT FALSE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- Login and user-exists look emails up case-insensitively; this index serves both and makes
-- "Ann@x.io" and "ann@x.io" the same account.
CREATE UNIQUE INDEX users_email_lower_key ON aiapp.users (lower(email));
CREATE UNIQUE INDEX users_username_lower_key ON aiapp.users (lower(username));

CREATE TRIGGER users_touch_updated_at BEFORE UPDATE ON aiapp.users
FOR EACH ROW EXECUTE FUNCTION aiapp.touch_updated_at();

-- Only the SHA-256 of a token is stored: a leaked table does not leak usable tokens.
CREATE TABLE aiapp.auth_tokens (
    token_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES aiapp.users (customer_id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    last_used_at timestamptz,
    CHECK (expires_at > created_at)
);
-- Serves "revoke every other token of this user" (password change).
CREATE INDEX auth_tokens_customer_id_idx ON aiapp.auth_tokens (customer_id)
WHERE revoked_at IS NULL;

-- Failed logins per bucket ('email:<lower email>' or 'address:<client ip>') within a window,
-- shared by every worker through the database.
CREATE TABLE aiapp.login_failures (
    bucket text PRIMARY KEY,
    failures integer NOT NULL CHECK (failures > 0),
    window_started_at timestamptz NOT NULL DEFAULT now()
);
