"""Accounts and tokens through HTTP: register, login, logout, profile, password, rate limit."""

import bcrypt
import pytest

from tests.helpers import TEST_PASSWORD, assert_error


def login(client, email, password=TEST_PASSWORD, **environ):
    return client.post(
        "/api/v1/auth/login", json={"email": email, "password": password}, environ_base=environ
    )


def test_register_stores_a_real_bcrypt_hash(client, conn):
    response = client.post(
        "/api/v1/auth/register",
        json={
            "email": "Carol@Example.com",
            "password": "pässwörd-ok",
            "display_name": "Carol",
            "language": "pl",
            "username": "carol",
        },
    )
    assert response.status_code == 201
    user = response.json["data"]
    assert user["email"] == "Carol@Example.com"
    assert (user["display_name"], user["language"], user["role"]) == ("Carol", "pl", "user")
    assert "password" not in user
    assert "password_hash" not in user
    row = conn.execute(
        "SELECT password_hash FROM aiapp.users WHERE customer_id = %s", (user["customer_id"],)
    ).fetchone()
    assert bcrypt.checkpw("pässwörd-ok".encode(), row["password_hash"].encode())


def test_duplicate_email_in_any_case_is_409(client, alice, conn):
    response = client.post(
        "/api/v1/auth/register", json={"email": "ALICE@example.COM", "password": "another-pass"}
    )
    assert_error(response, 409, "email")
    assert conn.execute("SELECT count(*) AS n FROM aiapp.users").fetchone()["n"] == 1


def test_duplicate_username_is_409(client):
    first = {"email": "a1@example.com", "password": "password1", "username": "same"}
    assert client.post("/api/v1/auth/register", json=first).status_code == 201
    second = {"email": "a2@example.com", "password": "password1", "username": "SAME"}
    assert_error(client.post("/api/v1/auth/register", json=second), 409, "username")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "x@example.com", "password": "a" * 73}, "password"),
        ({"email": "x@example.com", "password": "ż" * 37}, "password"),  # 74 bytes, 37 chars
        ({"email": "x@example.com", "password": "short"}, "password"),
        ({"email": "not-an-email", "password": "long enough"}, "email"),
        ({"password": "long enough"}, "email"),
        ({"email": "x@example.com", "password": "long enough", "role": "admin"}, "role"),
        ({"email": "x@example.com", "password": "long enough", "language": "English"}, "language"),
        ({"email": "x@example.com", "password": 12345678}, "password"),
    ],
)
def test_bad_registration_is_400_and_writes_nothing(client, conn, payload, field):
    assert_error(client.post("/api/v1/auth/register", json=payload), 400, field)
    assert conn.execute("SELECT count(*) AS n FROM aiapp.users").fetchone()["n"] == 0


def test_registration_can_be_turned_off(make_app, conn):
    client = make_app(ALLOW_REGISTRATION="false").test_client()
    response = client.post(
        "/api/v1/auth/register", json={"email": "x@example.com", "password": "long enough"}
    )
    assert_error(response, 403)
    assert conn.execute("SELECT count(*) AS n FROM aiapp.users").fetchone()["n"] == 0


def test_login_returns_token_expiry_and_profile(client, alice, conn):
    response = login(client, "ALICE@example.com")
    assert response.status_code == 200
    data = response.json["data"]
    assert data["token_type"] == "Bearer"
    assert data["user"]["customer_id"] == alice.customer_id
    assert "password_hash" not in data["user"]
    row = conn.execute(
        "SELECT token_hash, expires_at - created_at AS ttl FROM aiapp.auth_tokens"
        " ORDER BY token_id DESC LIMIT 1"
    ).fetchone()
    assert row["ttl"].days == 30
    assert data["token"].encode() not in bytes(row["token_hash"])  # only a digest is kept
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {data['token']}"})
    assert me.json["data"]["email"] == "alice@example.com"


def test_unknown_email_and_wrong_password_get_the_same_answer(client, alice):
    unknown = login(client, "nobody@example.com")
    wrong = login(client, alice.email, "wrong password")
    assert_error(unknown, 401)
    assert_error(wrong, 401)
    assert unknown.json == wrong.json


def test_disabled_user_cannot_log_in_or_use_a_token(client, alice, conn):
    conn.execute(
        "UPDATE aiapp.users SET disabled = true WHERE customer_id = %s", (alice.customer_id,)
    )
    assert_error(login(client, alice.email), 401)
    assert_error(client.get("/api/v1/auth/me", headers=alice.headers), 401)


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer garbage-token", "Basic YWxpY2U6c2VjcmV0", "Token abc"],
)
def test_missing_or_garbage_token_is_401(client, alice, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get("/api/v1/auth/me", headers=headers)
    assert_error(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_expired_token_is_401(client, alice, conn):
    conn.execute(
        "UPDATE aiapp.auth_tokens SET created_at = now() - interval '2 days',"
        " expires_at = now() - interval '1 second'"
    )
    assert_error(client.get("/api/v1/auth/me", headers=alice.headers), 401)


def test_logout_revokes_only_that_token(client, alice):
    other = login(client, alice.email).json["data"]["token"]
    response = client.post("/api/v1/auth/logout", headers=alice.headers)
    assert response.json["data"] == {"revoked": True}
    assert_error(client.get("/api/v1/auth/me", headers=alice.headers), 401)
    still = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {other}"})
    assert still.status_code == 200


def test_token_use_is_recorded(client, alice, conn):
    client.get("/api/v1/auth/me", headers=alice.headers)
    row = conn.execute("SELECT last_used_at FROM aiapp.auth_tokens").fetchone()
    assert row["last_used_at"] is not None


def test_patch_me_changes_only_what_was_sent(client, alice):
    first = client.patch(
        "/api/v1/auth/me",
        headers=alice.headers,
        json={"display_name": "Alice", "photo_url": "https://example.com/a.png"},
    )
    assert first.status_code == 200
    second = client.patch("/api/v1/auth/me", headers=alice.headers, json={"language": "de"})
    data = second.json["data"]
    assert (data["display_name"], data["language"]) == ("Alice", "de")
    assert data["photo_url"] == "https://example.com/a.png"
    cleared = client.patch("/api/v1/auth/me", headers=alice.headers, json={"photo_url": None})
    assert cleared.json["data"]["photo_url"] is None
    assert cleared.json["data"]["updated_at"] > data["created_at"]


def test_patch_me_rejects_bad_values(client, alice):
    response = client.patch(
        "/api/v1/auth/me", headers=alice.headers, json={"photo_url": "not a url", "email": "x"}
    )
    body = assert_error(response, 400, "photo_url")
    assert "email" in body["data"]["errors"]  # unknown fields are rejected, not ignored


def test_password_change_revokes_other_tokens(client, alice):
    other_device = login(client, alice.email).json["data"]["token"]
    response = client.post(
        "/api/v1/auth/me/password",
        headers=alice.headers,
        json={"old_password": TEST_PASSWORD, "new_password": "brand new secret"},
    )
    assert response.status_code == 200
    assert client.get("/api/v1/auth/me", headers=alice.headers).status_code == 200
    revoked = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {other_device}"})
    assert_error(revoked, 401)
    assert_error(login(client, alice.email), 401)
    assert login(client, alice.email, "brand new secret").status_code == 200


def test_password_change_needs_the_old_password(client, alice):
    response = client.post(
        "/api/v1/auth/me/password",
        headers=alice.headers,
        json={"old_password": "not it", "new_password": "brand new secret"},
    )
    assert_error(response, 422, "old_password")
    assert login(client, alice.email).status_code == 200


def test_new_password_over_72_bytes_is_400(client, alice):
    response = client.post(
        "/api/v1/auth/me/password",
        headers=alice.headers,
        json={"old_password": TEST_PASSWORD, "new_password": "x" * 73},
    )
    assert_error(response, 400, "new_password")


def test_login_with_an_over_long_password_is_a_plain_failure(client, alice):
    assert_error(login(client, alice.email, "y" * 100), 401)


def test_failed_logins_are_rate_limited_per_email(make_app, register):
    client = make_app(LOGIN_MAX_FAILURES_PER_EMAIL="3").test_client()
    account = register("dora@example.com")
    for _ in range(3):
        assert_error(login(client, account.email, "wrong password"), 401)
    blocked = login(client, account.email)  # even the right password waits out the window
    assert_error(blocked, 429)
    assert 1 <= int(blocked.headers["Retry-After"]) <= 900
    assert login(client, "someone-else@example.com", "x" * 9).status_code == 401


def test_failed_logins_are_rate_limited_per_address(make_app, register):
    client = make_app(LOGIN_MAX_FAILURES_PER_ADDRESS="2").test_client()
    account = register("erin@example.com")
    for email in ("a@example.com", "b@example.com"):
        login(client, email, "guess-guess", REMOTE_ADDR="10.0.0.9")
    assert_error(login(client, account.email, REMOTE_ADDR="10.0.0.9"), 429)
    assert login(client, account.email, REMOTE_ADDR="10.0.0.10").status_code == 200


def test_an_expired_failure_window_starts_over(make_app, register, conn):
    client = make_app(LOGIN_MAX_FAILURES_PER_EMAIL="2").test_client()
    account = register("fay@example.com")
    login(client, account.email, "wrong one")
    login(client, account.email, "wrong two")
    assert_error(login(client, account.email), 429)
    conn.execute("UPDATE aiapp.login_failures SET window_started_at = now() - interval '1 hour'")
    assert login(client, account.email, "wrong three").status_code == 401
    row = conn.execute(
        "SELECT failures FROM aiapp.login_failures WHERE bucket = 'email:fay@example.com'"
    ).fetchone()
    assert row["failures"] == 1
    assert login(client, account.email).status_code == 200


def test_successful_login_forgets_the_email_failures(client, alice, conn):
    login(client, alice.email, "wrong password")
    assert login(client, alice.email).status_code == 200
    assert (
        conn.execute(
            "SELECT count(*) AS n FROM aiapp.login_failures WHERE bucket LIKE 'email:%%'"
        ).fetchone()["n"]
        == 0
    )


def test_user_exists(client, alice):
    found = client.get("/api/v1/auth/user-exists", query_string={"email": "ALICE@example.com"})
    assert found.json["data"] == {"exists": True}
    missing = client.get("/api/v1/auth/user-exists", query_string={"email": "zed@example.com"})
    assert missing.json["data"] == {"exists": False}
    assert_error(client.get("/api/v1/auth/user-exists"), 400, "email")


def test_admin_acts_for_a_user_with_customer_id(client, alice, admin):
    response = client.get(
        "/api/v1/auth/me", headers=admin.headers, query_string={"customer_id": alice.customer_id}
    )
    assert response.json["data"]["email"] == alice.email
    patched = client.patch(
        "/api/v1/auth/me",
        headers=admin.headers,
        json={"customer_id": alice.customer_id, "display_name": "Set by admin"},
    )
    assert patched.json["data"]["customer_id"] == alice.customer_id
    own = client.get("/api/v1/auth/me", headers=alice.headers).json["data"]
    assert own["display_name"] == "Set by admin"


def test_user_token_may_name_only_itself(client, alice, bob):
    own = client.get(
        "/api/v1/auth/me", headers=alice.headers, query_string={"customer_id": alice.customer_id}
    )
    assert own.status_code == 200
    other = client.get(
        "/api/v1/auth/me", headers=alice.headers, query_string={"customer_id": bob.customer_id}
    )
    assert_error(other, 403)
    in_body = client.patch(
        "/api/v1/auth/me",
        headers=alice.headers,
        json={"customer_id": bob.customer_id, "display_name": "hijack"},
    )
    assert_error(in_body, 403)
    assert client.get("/api/v1/auth/me", headers=bob.headers).json["data"]["display_name"] is None


def test_admin_naming_a_missing_user_is_404(client, admin):
    response = client.get(
        "/api/v1/auth/me", headers=admin.headers, query_string={"customer_id": 999}
    )
    assert_error(response, 404)


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5"])
def test_malformed_customer_id_is_400(client, alice, value):
    response = client.get(
        "/api/v1/auth/me", headers=alice.headers, query_string={"customer_id": value}
    )
    assert_error(response, 400, "customer_id")


def test_deleting_a_user_deletes_their_tokens(alice, conn):
    conn.execute("DELETE FROM aiapp.users WHERE customer_id = %s", (alice.customer_id,))
    assert conn.execute("SELECT count(*) AS n FROM aiapp.auth_tokens").fetchone()["n"] == 0


def test_admin_may_spell_customer_id_in_camel_case(client, alice, admin):
    in_query = client.get(
        "/api/v1/auth/me", headers=admin.headers, query_string={"customerId": alice.customer_id}
    )
    assert in_query.json["data"]["customer_id"] == alice.customer_id
    in_body = client.patch(
        "/api/v1/auth/me",
        headers=admin.headers,
        json={"customerId": alice.customer_id, "display_name": "Camel"},
    )
    assert in_body.json["data"]["customer_id"] == alice.customer_id
    assert client.get("/api/v1/auth/me", headers=alice.headers).json["data"]["display_name"] == (
        "Camel"
    )


def test_user_token_naming_another_in_camel_case_is_403(client, alice, bob):
    response = client.get(
        "/api/v1/auth/me", headers=alice.headers, query_string={"customerId": bob.customer_id}
    )
    assert_error(response, 403)
