-- name: finish_password_reset :scalar
-- Sets the new password of the account with this email when reset_hash is the SHA-256 of
-- its unexpired one-time reset code, and clears the code. Params: email, reset_hash,
-- password_hash. Returns the customer_id, or NULL for a wrong or expired code or an unknown
-- email. Index: users_email_lower_key.
UPDATE aiapp.users
SET
    password_hash = %(password_hash)s,
    password_reset_hash = NULL,
    password_reset_expires_at = NULL
WHERE
    lower(email) = lower(%(email)s)
    AND password_reset_hash = %(reset_hash)s
    AND password_reset_expires_at > now()
RETURNING customer_id;
