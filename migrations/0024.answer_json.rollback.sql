-- 0024's functions go; aiapp.resolve_token is 0019's throughout.
DROP FUNCTION aiapp.resolve_token_profile(bytea, bigint);
DROP FUNCTION aiapp.admin_user_json(aiapp.users);
DROP FUNCTION aiapp.profile_json(aiapp.users);
DROP FUNCTION aiapp.account_json(aiapp.users);
