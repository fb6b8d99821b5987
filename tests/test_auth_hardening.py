"""Auth hardening (issue 15, point 6): the same bcrypt cost for unknown emails, rate limits on
user-exists and password change, and the lockout a right password outlives."""

from __future__ import annotations

from app.auth import login as login_module
from tests.helpers import assert_error


def login(client, email, password, **environ):
    return client.post(
        "/api/v1/auth/login", json={"email": email, "password": password}, environ_base=environ
    )


def cost(bcrypt_hash: str) -> int:
    """The cost parameter of a bcrypt hash: '$2b$12$...' -> 12."""
    return int(bcrypt_hash.split("$")[2])


def test_unknown_emails_are_checked_at_the_cost_of_real_hashes(make_app, register, conn):
    app = make_app(BCRYPT_ROUNDS="5")
    client = app.test_client()
    made = client.post(
        "/api/v1/auth/register", json={"email": "cost@example.com", "password": "long enough"}
    )
    assert made.status_code == 201
    stored = conn.execute(
        "SELECT password_hash FROM aiapp.users WHERE email = 'cost@example.com'"
    ).fetchone()["password_hash"]
    with app.app_context():
        dummy = login_module.dummy_hash()
    assert cost(stored) == cost(dummy) == 5
    assert_error(login(client, "nobody@example.com", "long enough"), 401)
    assert_error(login(client, "cost@example.com", "not the one"), 401)


def test_user_exists_is_rate_limited_per_address(make_app, alice):
    client = make_app(LOGIN_MAX_FAILURES_PER_ADDRESS="3").test_client()
    for _ in range(3):
        answered = client.get(
            "/api/v1/auth/user-exists",
            query_string={"email": alice.email},
            environ_base={"REMOTE_ADDR": "10.1.1.1"},
        )
        assert answered.status_code == 200
    blocked = client.get(
        "/api/v1/auth/user-exists",
        query_string={"email": alice.email},
        environ_base={"REMOTE_ADDR": "10.1.1.1"},
    )
    assert_error(blocked, 429)
    assert 1 <= int(blocked.headers["Retry-After"]) <= 900
    other = client.get(
        "/api/v1/auth/user-exists",
        query_string={"email": alice.email},
        environ_base={"REMOTE_ADDR": "10.1.1.2"},
    )
    assert other.json["data"] == {"exists": True}


def test_old_password_guesses_are_limited_like_logins(make_app, register, conn):
    client = make_app(LOGIN_MAX_FAILURES_PER_EMAIL="2").test_client()
    account = register("gus@example.com")
    body = {"old_password": "guess", "new_password": "brand new secret"}
    for _ in range(2):
        assert_error(
            client.post("/api/v1/auth/me/password", headers=account.headers, json=body),
            422,
            "old_password",
        )
    right = {"old_password": account.password, "new_password": "brand new secret"}
    blocked = client.post("/api/v1/auth/me/password", headers=account.headers, json=right)
    assert_error(blocked, 429)
    # The guesses count against logins too: the same password is being guessed.
    assert_error(login(client, account.email, account.password), 429)
    conn.execute("UPDATE aiapp.login_failures SET window_started_at = now() - interval '1 hour'")
    changed = client.post("/api/v1/auth/me/password", headers=account.headers, json=right)
    assert changed.status_code == 200, changed.json


def test_a_locked_account_opens_to_the_right_password_after_the_window(make_app, register, conn):
    client = make_app(LOGIN_MAX_FAILURES_PER_EMAIL="2").test_client()
    account = register("hal@example.com")
    for _ in range(2):
        assert_error(login(client, account.email, "wrong password"), 401)
    assert_error(login(client, account.email, account.password), 429)
    conn.execute(
        "UPDATE aiapp.login_failures SET window_started_at = now() - interval '16 minutes'"
    )
    assert login(client, account.email, account.password).status_code == 200
    assert (
        conn.execute(
            "SELECT count(*) AS n FROM aiapp.login_failures WHERE bucket = 'email:hal@example.com'"
        ).fetchone()["n"]
        == 0
    )
