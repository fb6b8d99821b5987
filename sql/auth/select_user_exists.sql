-- name: select_user_exists :scalar
-- Whether an account uses this email, in any letter case. Params: email.
-- Returns a boolean. Index: users_email_lower_key.
SELECT exists(
    SELECT FROM aiapp.users
    WHERE lower(email) = lower(%(email)s)
);
