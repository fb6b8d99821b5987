-- name: insert_family :scalar
-- Creates a family with the acting user as its accepted owner, in one statement (the
-- families_keep_an_owner trigger checks at its end that the owner is there).
-- Params: customer_id, name.
-- Returns the family with the caller's role and accepted_at. Index: none (inserts).
WITH family AS (
    INSERT INTO families (name)
    VALUES (%(name)s)
    RETURNING family_id, name, created_at, updated_at
),

owner AS (
    INSERT INTO family_memberships (family_id, customer_id, role, accepted_at)
    SELECT
        family_id,
        %(customer_id)s,
        'owner' AS role,
        now() AS accepted_at
    FROM family
    RETURNING role, accepted_at
)

SELECT
    json_build_object(
        'family_id', family.family_id,
        'name', family.name,
        'role', owner.role,
        'accepted_at', owner.accepted_at,
        'created_at', family.created_at,
        'updated_at', family.updated_at
    )::text
FROM family CROSS JOIN owner;
