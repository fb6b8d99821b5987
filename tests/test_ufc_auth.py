"""The original UFC auth routes, on the one user store: login, register, user exists, profile."""

import pytest

from tests.helpers import TEST_PASSWORD, assert_error

UFC = "/api/v1/ufc"


def user_count(conn):
    return conn.execute("SELECT count(*) AS n FROM aiapp.users").fetchone()["n"]


def ufc_login(client, email, password=TEST_PASSWORD, address="127.0.0.1"):
    return client.post(
        f"{UFC}/auth/login",
        json={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def exists(client, email, address="10.1.1.1"):
    return client.get(f"{UFC}/users/{email}/exists", environ_base={"REMOTE_ADDR": address})


def test_login_issues_a_token_of_the_shared_store(client, alice):
    response = ufc_login(client, "ALICE@example.com")
    assert response.status_code == 200, response.json
    data = response.json["data"]
    assert (data["status"], data["token_type"]) == ("authenticated", "Bearer")
    assert data["user"]["customer_id"] == alice.customer_id
    assert response.json["meta"] == {"tokenProvided": True}
    headers = {"Authorization": f"Bearer {data['token']}"}
    assert client.get("/api/v1/auth/me", headers=headers).json["data"]["email"] == alice.email
    assert client.get(f"{UFC}/fighters", headers=headers).status_code == 200


def test_a_wrong_password_is_401_and_counts_towards_the_login_limit(make_app, register):
    client = make_app(LOGIN_MAX_FAILURES_PER_EMAIL="2").test_client()
    account = register("dora@example.com")
    assert_error(ufc_login(client, account.email, "wrong password"), 401)
    assert_error(ufc_login(client, "nobody@example.com"), 401)
    failed_elsewhere = client.post(
        "/api/v1/auth/login", json={"email": account.email, "password": "wrong again"}
    )
    assert_error(failed_elsewhere, 401)
    assert_error(ufc_login(client, account.email), 429)


def test_bad_login_input_is_400(client):
    assert_error(client.post(f"{UFC}/auth/login", json={"email": "not-an-email"}), 400, "email")


def test_register_takes_the_originals_keys(client, conn):
    response = client.post(
        f"{UFC}/auth/register",
        json={
            "accountName": "Dana",
            "email": "Dana@Example.com",
            "password": "long enough",
            "lang": "pl",
            "photo": "https://img.example/dana.png",
        },
    )
    assert response.status_code == 200, response.json
    data = response.json["data"]
    user = conn.execute(
        "SELECT customer_id, display_name, language, photo_url, role FROM aiapp.users"
    ).fetchone()
    assert data == {
        "status": "registered",
        "user_id": user["customer_id"],
        "customer_id": user["customer_id"],
        "email": "Dana@Example.com",
        "accountName": "Dana",
    }
    assert response.json["meta"] == {"userId": user["customer_id"]}
    assert (user["display_name"], user["language"], user["photo_url"], user["role"]) == (
        "Dana",
        "pl",
        "https://img.example/dana.png",
        "user",
    )
    assert ufc_login(client, "dana@example.com", "long enough").status_code == 200


def test_register_takes_the_shared_stores_keys_too(client, conn):
    response = client.post(
        f"{UFC}/auth/register",
        json={"email": "eve@example.com", "password": "long enough", "username": "eve"},
    )
    assert response.json["data"]["accountName"] == "eve@example.com"
    assert conn.execute("SELECT username FROM aiapp.users").fetchone()["username"] == "eve"


def test_a_taken_email_is_409_in_any_case(client, alice, conn):
    response = client.post(
        f"{UFC}/auth/register", json={"email": "ALICE@example.com", "password": "long enough"}
    )
    assert_error(response, 409, "email")
    assert user_count(conn) == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "x@example.com", "password": "short"}, "password"),
        ({"email": "x@example.com", "password": "long enough", "lang": "Polish"}, "language"),
        ({"email": "x@example.com", "password": "long enough", "photo": "p" * 101}, "photo_url"),
        ({"email": "x@example.com", "password": "long enough", "role": "admin"}, "role"),
        (
            {
                "email": "x@example.com",
                "password": "long enough",
                "accountName": "A",
                "display_name": "B",
            },
            "accountName",
        ),
    ],
)
def test_bad_registrations_are_400_and_write_nothing(client, conn, payload, field):
    assert_error(client.post(f"{UFC}/auth/register", json=payload), 400, field)
    assert user_count(conn) == 0


def test_registration_can_be_turned_off(make_app, conn):
    client = make_app(ALLOW_REGISTRATION="false").test_client()
    response = client.post(
        f"{UFC}/auth/register", json={"email": "x@example.com", "password": "long enough"}
    )
    assert_error(response, 403)
    assert user_count(conn) == 0


def test_user_exists_in_any_letter_case(client, alice):
    found = exists(client, "ALICE@example.com")
    assert found.status_code == 200
    assert found.json["data"] == {
        "email": "ALICE@example.com",
        "exists": True,
        "message": "User exists",
    }
    missing = exists(client, "zed@example.com").json["data"]
    assert (missing["exists"], missing["message"]) == (False, "User not found")
    assert_error(exists(client, "not-an-email"), 400, "email")


def test_user_exists_is_rate_limited_per_address(make_app, alice, conn):
    client = make_app(LOGIN_MAX_FAILURES_PER_ADDRESS="3").test_client()
    for _ in range(3):
        assert exists(client, "someone@example.com").status_code == 200
    blocked = exists(client, alice.email)
    assert_error(blocked, 429)
    assert 1 <= int(blocked.headers["Retry-After"]) <= 900
    assert exists(client, alice.email, address="10.9.9.9").json["data"]["exists"] is True
    # Lookups have their own bucket: they neither use up nor share the login limits.
    assert ufc_login(client, alice.email, address="10.1.1.1").status_code == 200
    conn.execute(
        "UPDATE aiapp.login_failures SET window_started_at = now() - interval '1 hour'"
        " WHERE bucket = 'exists:10.1.1.1'"
    )
    assert exists(client, alice.email).status_code == 200
    row = conn.execute(
        "SELECT failures FROM aiapp.login_failures WHERE bucket = 'exists:10.1.1.1'"
    ).fetchone()
    assert row["failures"] == 1


def test_a_user_reads_their_own_profile(client, alice, conn):
    conn.execute(
        "UPDATE aiapp.users SET display_name = 'Alice A' WHERE customer_id = %s",
        (alice.customer_id,),
    )
    response = client.get(f"{UFC}/users/ALICE@example.com", headers=alice.headers)
    assert response.status_code == 200
    data = response.json["data"]
    assert data | {"createdAt": None} == {
        "id": alice.customer_id,
        "customer_id": alice.customer_id,
        "accountName": "Alice A",
        "email": alice.email,
        "lang": "en",
        "photo": None,
        "role": "user",
        "createdAt": None,
    }
    assert data["createdAt"]
    assert response.json["meta"] == {"email": alice.email}


def test_another_users_profile_is_404_but_an_admin_reads_any(client, alice, bob, admin):
    assert_error(client.get(f"{UFC}/users/{bob.email}", headers=alice.headers), 404)
    assert_error(client.get(f"{UFC}/users/nobody@example.com", headers=admin.headers), 404)
    by_admin = client.get(f"{UFC}/users/{bob.email}", headers=admin.headers)
    assert by_admin.json["data"]["customer_id"] == bob.customer_id


def test_a_profile_needs_a_token(client, alice):
    assert_error(client.get(f"{UFC}/users/{alice.email}"), 401)
