-- name: delete_test :none
-- DELETE /tests/<test_id>: removes one of the user's results. Params: customer_id, test_id.
-- Returns rows deleted (0 when the user has no result with that id).
-- Index: blood_tests primary key.
DELETE FROM blood_tests
WHERE id = %(test_id)s AND customer_id = %(customer_id)s;
