-- name: purge_deleted :one
-- Deletes for good every row soft-deleted more than restore_window_days ago (no longer
-- restorable), in every habits table; a purged family, habit or routine takes its children
-- with it (ON DELETE CASCADE); also invitations expired more than restore_window_days ago
-- (an owner can renew one until then). Params: restore_window_days.
-- Returns how many rows were purged per table (not counting cascaded children).
-- Index: the *_deleted_at_idx partial index of each table; family_invitations_expires_at_idx.
WITH cutoff AS (
    SELECT now() - make_interval(days => %(restore_window_days)s) AS deleted_before
),

purged_logs AS (
    DELETE FROM habit_logs AS t
    USING cutoff
    WHERE t.deleted_at < cutoff.deleted_before
    RETURNING t.log_id
),

purged_routines AS (
    DELETE FROM routines AS t
    USING cutoff
    WHERE t.deleted_at < cutoff.deleted_before
    RETURNING t.routine_id
),

purged_habits AS (
    DELETE FROM habits AS t
    USING cutoff
    WHERE t.deleted_at < cutoff.deleted_before
    RETURNING t.habit_id
),

purged_memberships AS (
    DELETE FROM family_memberships AS t
    USING cutoff
    WHERE t.deleted_at < cutoff.deleted_before
    RETURNING t.membership_id
),

purged_invitations AS (
    DELETE FROM family_invitations AS t
    USING cutoff
    WHERE t.expires_at < cutoff.deleted_before
    RETURNING t.invitation_id
),

purged_families AS (
    DELETE FROM families AS t
    USING cutoff
    WHERE t.deleted_at < cutoff.deleted_before
    RETURNING t.family_id
)

SELECT
    (SELECT count(*) FROM purged_families) AS families,
    (SELECT count(*) FROM purged_memberships) AS family_memberships,
    (SELECT count(*) FROM purged_invitations) AS family_invitations,
    (SELECT count(*) FROM purged_habits) AS habits,
    (SELECT count(*) FROM purged_routines) AS routines,
    (SELECT count(*) FROM purged_logs) AS habit_logs;
