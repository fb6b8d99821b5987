-- name: delete_user :one
-- Deletes a user; every table that references them cascades, except the clinical logs that
-- erase_subject_logs has already cleared. Also deletes the habit families they alone are a
-- live member of (families have no owner column of their own; a removed member's row is
-- history, and the family would otherwise be left without an owner) and the failed-login
-- counter that names their email. Params: customer_id.
-- Returns families (deleted) and users (deleted, 0 or 1). Index: users primary key;
-- family_memberships_customer_live_idx and family_memberships_family_customer_key;
-- login_failures primary key.
WITH subject AS (
    SELECT email FROM aiapp.users
    WHERE customer_id = %(customer_id)s
),

sole_families AS (
    DELETE FROM habits.families AS f
    WHERE
        EXISTS (
            SELECT FROM habits.family_memberships AS m
            WHERE
                m.family_id = f.family_id
                AND m.customer_id = %(customer_id)s
                AND m.deleted_at IS NULL
        )
        AND NOT EXISTS (
            SELECT FROM habits.family_memberships AS m
            WHERE
                m.family_id = f.family_id
                AND m.customer_id <> %(customer_id)s
                AND m.deleted_at IS NULL
        )
    RETURNING f.family_id
),

failures AS (
    DELETE FROM aiapp.login_failures
    WHERE bucket = (SELECT 'email:' || lower(subject.email) FROM subject)
),

erased AS (
    DELETE FROM aiapp.users
    WHERE customer_id = %(customer_id)s
    RETURNING customer_id
)

SELECT
    (SELECT count(*) FROM sole_families) AS families,
    (SELECT count(*) FROM erased) AS users;
