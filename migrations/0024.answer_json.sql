-- depends: 0023.entity_json
-- The account answers built by PostgreSQL from explicit columns (issue 11, point 1): what
-- Python still dumped from row dicts (the profile, a login, the admin view of a user) is
-- written here once, and the bearer-token check answers with the profile it read.
--
-- A user as registration and login answer with them (display_name also under seed 003's name
-- full_name). json, not jsonb: the keys keep the order clients have always seen.
CREATE FUNCTION aiapp.account_json(u aiapp.users)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'customer_id', u.customer_id,
    'email', u.email,
    'username', u.username,
    'display_name', u.display_name,
    'role', u.role,
    'language', u.language,
    'photo_url', u.photo_url,
    'created_at', u.created_at,
    'updated_at', u.updated_at,
    'notification_enabled', u.notification_enabled,
    'full_name', u.display_name
);

-- The acting user's own profile (GET and PATCH /api/v1/auth/me): the account and the sex that
-- picks the blood tests' reference ranges.
CREATE FUNCTION aiapp.profile_json(u aiapp.users)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
    'customer_id', u.customer_id,
    'email', u.email,
    'username', u.username,
    'display_name', u.display_name,
    'role', u.role,
    'language', u.language,
    'photo_url', u.photo_url,
    'sex', u.sex,
    'created_at', u.created_at,
    'updated_at', u.updated_at,
    'notification_enabled', u.notification_enabled,
    'full_name', u.display_name
);

-- A user as administrators see them (the list, and each action's answer with what it revoked
-- added). jsonb: an action's answer is this object and more.
CREATE FUNCTION aiapp.admin_user_json(u aiapp.users)
RETURNS jsonb
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN jsonb_build_object(
    'customer_id', u.customer_id,
    'email', u.email,
    'username', u.username,
    'display_name', u.display_name,
    'role', u.role,
    'disabled', u.disabled,
    'password_reset_pending', u.password_reset_expires_at IS NOT NULL,
    'created_at', u.created_at,
    'updated_at', u.updated_at
);

-- The bearer-token check of 0019, unchanged in what it finds and refuses, answers with the
-- acting user's profile as JSON (aiapp.profile_json) instead of its columns: GET /auth/me
-- passes it through. The return type changes, so the function is created anew.
DROP FUNCTION aiapp.resolve_token(bytea, bigint);

CREATE FUNCTION aiapp.resolve_token(p_token_hash bytea, p_customer_id bigint)
RETURNS TABLE (
    token_id bigint,
    token_customer_id bigint,
    token_role text,
    customer_id bigint,
    profile json
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN QUERY
    WITH token AS (
        SELECT t.token_id, t.customer_id, t.last_used_at, u.role
        FROM aiapp.auth_tokens AS t
        INNER JOIN aiapp.users AS u ON t.customer_id = u.customer_id
        WHERE
            t.token_hash = p_token_hash
            AND t.revoked_at IS NULL
            AND t.expires_at > now()
            AND NOT u.disabled
    ),

    touched AS (
        UPDATE aiapp.auth_tokens AS t
        SET last_used_at = now()
        FROM token
        WHERE
            t.customer_id = token.customer_id
            AND t.token_id = token.token_id
            AND (token.last_used_at IS NULL OR token.last_used_at < now() - interval '1 minute')
    )

    SELECT
        token.token_id,
        token.customer_id,
        token.role,
        acting.customer_id,
        CASE WHEN acting.customer_id IS NOT NULL THEN aiapp.profile_json(acting) END
    FROM token
    LEFT JOIN aiapp.users AS acting
        ON acting.customer_id = coalesce(p_customer_id, token.customer_id);
END;
$$;

REVOKE ALL ON FUNCTION aiapp.resolve_token(bytea, bigint) FROM public;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        GRANT EXECUTE ON FUNCTION aiapp.resolve_token(bytea, bigint) TO storage_app;
    END IF;
END
$$;
