-- depends: 0023.entity_json
-- The account answers built by PostgreSQL from explicit columns (issue 11, point 1): what
-- Python still dumped from row dicts (the profile, a login, the admin view of a user) is
-- written here once, and GET /auth/me's token check answers with the profile it read.
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

-- A user as administrators list them (GET /api/v1/auth/admin/users). json, not jsonb: the
-- keys keep the order clients have always seen.
CREATE FUNCTION aiapp.admin_user_json(u aiapp.users)
RETURNS json
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN json_build_object(
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

-- The bearer-token check of 0019 with the acting user's profile (aiapp.profile_json), for the
-- one route that answers with it (GET /api/v1/auth/me): same lookup, same refusals, same
-- last_used_at touch, one round trip. aiapp.resolve_token itself stays as 0019 made it, so
-- workers of either release keep authenticating while a deploy rolls, and no other request
-- builds a profile it does not answer with. Security definer like resolve_token: the check
-- runs before row-level security knows whom the request acts for.
CREATE FUNCTION aiapp.resolve_token_profile(p_token_hash bytea, p_customer_id bigint)
RETURNS TABLE (
    token_id bigint,
    token_customer_id bigint,
    token_role text,
    customer_id bigint,
    profile json
)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT
        token.token_id,
        token.token_customer_id,
        token.token_role,
        token.customer_id,
        CASE WHEN acting.customer_id IS NOT NULL THEN aiapp.profile_json(acting) END
    FROM aiapp.resolve_token(p_token_hash, p_customer_id) AS token
    LEFT JOIN aiapp.users AS acting ON token.customer_id = acting.customer_id;
$$;

REVOKE ALL ON FUNCTION aiapp.resolve_token_profile(bytea, bigint) FROM public;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_app') THEN
        GRANT EXECUTE ON FUNCTION aiapp.resolve_token_profile(bytea, bigint) TO storage_app;
    END IF;
END
$$;
