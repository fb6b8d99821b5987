"""The account answers PostgreSQL builds (migration 0024): each keeps the keys, in the order,
and the values its clients have always read."""

from datetime import datetime

from tests.helpers import TEST_PASSWORD

ACCOUNT_KEYS = [
    "customer_id",
    "email",
    "username",
    "display_name",
    "role",
    "language",
    "photo_url",
    "created_at",
    "updated_at",
    "notification_enabled",
    "full_name",
]
PROFILE_KEYS = [*ACCOUNT_KEYS[:7], "sex", *ACCOUNT_KEYS[7:]]
# The admin view of a user, in the order its answers had before PostgreSQL built them.
ADMIN_KEYS = [
    "customer_id",
    "email",
    "username",
    "display_name",
    "role",
    "disabled",
    "password_reset_pending",
    "created_at",
    "updated_at",
]


def _data(response, status=200):
    assert response.status_code == status, response.json
    return response.json["data"]


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_registration_login_and_profile_keep_their_keys_and_values(client, conn):
    account = _data(
        client.post(
            "/api/v1/auth/register",
            json={"email": "dora@example.com", "password": TEST_PASSWORD, "display_name": "Dora"},
        ),
        201,
    )
    assert list(account) == ACCOUNT_KEYS
    stored = conn.execute(
        "SELECT customer_id, created_at FROM aiapp.users WHERE email = 'dora@example.com'"
    ).fetchone()
    assert account["customer_id"] == stored["customer_id"]
    assert _moment(account["created_at"]) == stored["created_at"]
    assert (account["full_name"], account["language"], account["notification_enabled"]) == (
        "Dora",
        "en",
        True,
    )

    login = _data(
        client.post(
            "/api/v1/auth/login", json={"email": "dora@example.com", "password": TEST_PASSWORD}
        )
    )
    assert list(login) == ["token", "token_type", "expires_at", "user"]
    assert login["token_type"] == "Bearer"
    assert len(login["token"]) > 30
    assert login["user"] == account
    expires = conn.execute(
        "SELECT expires_at FROM aiapp.auth_tokens WHERE customer_id = %s",
        (account["customer_id"],),
    ).fetchone()["expires_at"]
    assert _moment(login["expires_at"]) == expires

    headers = {"Authorization": f"Bearer {login['token']}"}
    me = _data(client.get("/api/v1/auth/me", headers=headers))
    assert list(me) == PROFILE_KEYS
    assert me == {**account, "sex": None}
    patched = _data(client.patch("/api/v1/auth/me", json={"sex": "female"}, headers=headers))
    assert list(patched) == PROFILE_KEYS
    assert patched["sex"] == "female"
    assert patched["email"] == "dora@example.com"


def test_the_original_clients_logins_and_registration(client, alice):
    ufc = _data(
        client.post(
            "/api/v1/ufc/auth/register",
            json={"email": "eve@example.com", "password": TEST_PASSWORD},
        )
    )
    assert ufc == {
        "status": "registered",
        "user_id": ufc["customer_id"],
        "customer_id": ufc["customer_id"],
        "email": "eve@example.com",
        "accountName": "eve@example.com",
    }
    login = {"email": alice.email, "password": TEST_PASSWORD}
    ufc_login = _data(client.post("/api/v1/ufc/auth/login", json=login))
    assert list(ufc_login) == ["status", "token", "token_type", "expires_at", "user"]
    assert ufc_login["status"] == "authenticated"
    chat = _data(client.post("/api/v1/chat/auth/login", json=login))
    assert list(chat)[:4] == ["token", "token_type", "expires_at", "user"]
    assert (chat["customer_id"], chat["username"], chat["email"]) == (
        alice.customer_id,
        None,
        alice.email,
    )
    profile = _data(client.get(f"/api/v1/ufc/users/{alice.email}", headers=alice.headers))
    assert list(profile) == [
        "id",
        "customer_id",
        "accountName",
        "email",
        "lang",
        "photo",
        "role",
        "createdAt",
    ]
    assert (profile["id"], profile["accountName"]) == (alice.customer_id, alice.email)


def test_an_admin_action_answers_the_user_and_what_it_revoked(client, admin, alice):
    done = _data(
        client.post(f"/api/v1/auth/admin/users/{alice.customer_id}/disable", headers=admin.headers)
    )
    assert list(done) == [*ADMIN_KEYS, "tokens_revoked"]
    assert (done["disabled"], done["tokens_revoked"]) == (True, 1)
    reset = _data(
        client.post(
            f"/api/v1/auth/admin/users/{alice.customer_id}/password-reset", headers=admin.headers
        )
    )
    assert reset["password_reset_pending"] is True
    assert list(reset) == [*ADMIN_KEYS, "tokens_revoked", "reset_code"]
    assert len(reset["reset_code"]) > 20
    listed = _data(client.get("/api/v1/auth/admin/users", headers=admin.headers))
    assert [u["customer_id"] for u in listed] == sorted([admin.customer_id, alice.customer_id])
    assert [list(user) for user in listed] == [ADMIN_KEYS, ADMIN_KEYS]
