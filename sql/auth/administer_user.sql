-- name: administer_user :one
-- One administrative action on a user and its audit row, in one statement:
--   disable (and revoke every live token), enable, grant_admin, revoke_admin, or
--   password_reset (revoke every live token; store a one-time code's SHA-256 that expires
--   after reset_ttl_seconds; until it is used, logging in is refused).
-- Params: action, customer_id (the target), reset_hash (password_reset only, else NULL),
-- reset_ttl_seconds, actor_customer_id (NULL from the command line), via ('api' or 'cli'),
-- request_id. Returns customer_id, email, role, disabled and tokens_revoked (the command line
-- prints them) and answer, the admin view of the user (the members of aiapp.admin_user_json,
-- migration 0024, in its order) and tokens_revoked last, as JSON text; no row when no user has
-- customer_id.
-- Index: users primary key; auth_tokens primary key (customer_id, token_id).
WITH changed AS (
    UPDATE aiapp.users AS u
    SET
        disabled = CASE %(action)s::text
            WHEN 'disable' THEN TRUE WHEN 'enable' THEN FALSE ELSE disabled
        END,
        role = CASE %(action)s::text
            WHEN 'grant_admin' THEN 'admin' WHEN 'revoke_admin' THEN 'user' ELSE role
        END,
        password_reset_hash = CASE %(action)s::text
            WHEN 'password_reset' THEN %(reset_hash)s::bytea ELSE password_reset_hash
        END,
        password_reset_expires_at = CASE %(action)s::text
            WHEN 'password_reset'
                THEN now() + make_interval(secs => %(reset_ttl_seconds)s)
            ELSE password_reset_expires_at
        END
    WHERE customer_id = %(customer_id)s
    RETURNING
        u.customer_id, u.email, u.username, u.display_name, u.role, u.disabled,
        u.password_reset_expires_at IS NOT NULL AS password_reset_pending, u.created_at,
        u.updated_at
),

revoked AS (
    UPDATE aiapp.auth_tokens
    SET revoked_at = now()
    WHERE
        customer_id = (SELECT changed.customer_id FROM changed)
        AND %(action)s::text IN ('disable', 'password_reset')
        AND revoked_at IS NULL
    RETURNING token_id
),

audited AS (
    INSERT INTO aiapp.admin_audit (
        actor_customer_id, via, target_customer_id, action, detail, request_id
    )
    SELECT
        %(actor_customer_id)s,
        %(via)s,
        changed.customer_id,
        %(action)s,
        json_build_object('tokens_revoked', (SELECT count(*) FROM revoked))::jsonb AS detail,
        %(request_id)s
    FROM changed
)

SELECT
    changed.customer_id,
    changed.email,
    changed.role,
    changed.disabled,
    (SELECT count(*) FROM revoked) AS tokens_revoked,
    json_build_object(
        'customer_id', changed.customer_id,
        'email', changed.email,
        'username', changed.username,
        'display_name', changed.display_name,
        'role', changed.role,
        'disabled', changed.disabled,
        'password_reset_pending', changed.password_reset_pending,
        'created_at', changed.created_at,
        'updated_at', changed.updated_at,
        'tokens_revoked', (SELECT count(*) FROM revoked)
    )::text AS answer
FROM changed;
