"""The bearer-token check across a rolling deploy (migration 0024 leaves 0019's
aiapp.resolve_token as it was) and the one route that reads the profile with it."""

from app.auth.access import token_digest
from tests.helpers import assert_error

ME = "/api/v1/auth/me"

# What a worker of the release before 0024 sends on every authenticated request.
PREVIOUS_RELEASE_CHECK = """
SELECT
    token_id, token_customer_id, token_role, customer_id, email, username, display_name, role,
    language, photo_url, sex, created_at, updated_at, notification_enabled,
    display_name AS full_name
FROM aiapp.resolve_token(%(token_hash)s, %(customer_id)s::bigint)
"""


def test_a_worker_of_the_previous_release_still_authenticates(conn, alice):
    row = conn.execute(
        PREVIOUS_RELEASE_CHECK, {"token_hash": token_digest(alice.token), "customer_id": None}
    ).fetchone()
    assert (row["customer_id"], row["email"], row["role"]) == (
        alice.customer_id,
        alice.email,
        "user",
    )


def test_the_profile_is_the_acting_users_with_or_without_a_hint(client, admin, alice):
    first = client.get(ME, headers=alice.headers)  # no hint yet: checked before the view
    second = client.get(ME, headers=alice.headers)  # hinted: the check rides the answer's trip
    assert first.status_code == second.status_code == 200
    assert first.json["data"] == second.json["data"]
    assert first.json["data"]["email"] == alice.email
    acting = client.get(ME, headers=admin.headers, query_string={"customer_id": alice.customer_id})
    assert acting.status_code == 200, acting.json
    assert acting.json["data"] == first.json["data"]
    assert_error(
        client.get(ME, headers=admin.headers, query_string={"customer_id": 987654321}), 404
    )


def test_a_revoked_token_gets_no_profile(client, conn, alice):
    assert client.get(ME, headers=alice.headers).status_code == 200  # now hinted
    conn.execute(
        "UPDATE aiapp.auth_tokens SET revoked_at = now() WHERE customer_id = %s",
        (alice.customer_id,),
    )
    refused = client.get(ME, headers=alice.headers)
    assert refused.status_code == 401
    assert "email" not in str(refused.json)
