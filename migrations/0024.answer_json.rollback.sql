-- Back to 0019's bearer-token check (its columns, no profile JSON), then the functions go.
DROP FUNCTION aiapp.resolve_token(bytea, bigint);

CREATE FUNCTION aiapp.resolve_token(p_token_hash bytea, p_customer_id bigint)
RETURNS TABLE (
    token_id bigint,
    token_customer_id bigint,
    token_role text,
    customer_id bigint,
    email text,
    username text,
    display_name text,
    role text,
    language text,
    photo_url text,
    sex text,
    created_at timestamptz,
    updated_at timestamptz,
    notification_enabled boolean
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
        acting.email,
        acting.username,
        acting.display_name,
        acting.role,
        acting.language,
        acting.photo_url,
        acting.sex,
        acting.created_at,
        acting.updated_at,
        acting.notification_enabled
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

DROP FUNCTION aiapp.admin_user_json(aiapp.users);
DROP FUNCTION aiapp.profile_json(aiapp.users);
DROP FUNCTION aiapp.account_json(aiapp.users);
