"""Answers that could tell whether an email has an account (issue s3, point 4): a family
invitation answers the same for an email with or without one (migration 0026) and, like a
taken email or username on registration, counts against the client address's user-exists
lookups; login and password reset answer an unknown email exactly as a wrong secret, at the
same bcrypt cost."""

from __future__ import annotations

from app.auth import login as login_module
from tests.habits_helpers import API, create_family
from tests.helpers import assert_error

ADDRESS = {"REMOTE_ADDR": "10.2.2.2"}


def invite(client, owner, family_id: str, email: str, address: dict[str, str] = ADDRESS):
    return client.post(
        f"{API}/families/{family_id}/invitations",
        headers=owner.headers,
        json={"email": email, "role": "member"},
        environ_base=address,
    )


def exists(client, email: str, address: dict[str, str] = ADDRESS):
    return client.get(
        "/api/v1/auth/user-exists", query_string={"email": email}, environ_base=address
    )


def test_invitations_count_as_user_exists_lookups_whatever_the_answer(
    make_app, client, alice, bob, conn
):
    family_id = create_family(client, alice)
    limited = make_app(LOGIN_MAX_FAILURES_PER_ADDRESS="3").test_client()
    assert invite(limited, alice, family_id, "nobody@example.com").status_code == 201
    assert invite(limited, alice, family_id, bob.email).status_code == 201
    assert invite(limited, alice, family_id, bob.email).status_code == 201  # renewed
    # The fourth answer about an email from this address is refused, an invitation or not.
    blocked = invite(limited, alice, family_id, "someone@example.com")
    assert_error(blocked, 429)
    assert 1 <= int(blocked.headers["Retry-After"]) <= 900
    assert_error(exists(limited, bob.email), 429)
    invited = conn.execute(
        "SELECT email FROM habits.family_invitations WHERE family_id = %s ORDER BY email",
        (family_id,),
    ).fetchall()
    assert [r["email"] for r in invited] == [bob.email, "nobody@example.com"]  # none refused
    # Another address has its own count.
    other = invite(limited, alice, family_id, "other@example.com", {"REMOTE_ADDR": "10.2.2.3"})
    assert other.status_code == 201


def test_an_invitation_answers_alike_with_and_without_an_account(client, alice, bob, conn):
    """Status, body keys and what the family detail then shows are the same for bob's email
    and one nobody registered; only the email typed (and the times) differ."""
    family_id = create_family(client, alice)
    answers = {
        email: invite(client, alice, family_id, email)
        for email in (bob.email, "nobody@example.com")
    }
    with_account, without = answers[bob.email], answers["nobody@example.com"]
    assert with_account.status_code == without.status_code == 201
    assert with_account.json.keys() == without.json.keys()
    assert with_account.json["message"] == without.json["message"]
    assert list(with_account.json["data"]) == list(without.json["data"])
    for key in ("role", "invited_by", "family_id"):
        assert with_account.json["data"][key] == without.json["data"][key]
    # Asked again, both renew alike.
    again = {email: invite(client, alice, family_id, email) for email in answers}
    assert {r.status_code for r in again.values()} == {201}
    assert list(again[bob.email].json["data"]) == list(again["nobody@example.com"].json["data"])

    detail = client.get(f"{API}/families/{family_id}", headers=alice.headers).json["data"]
    assert [m["customer_id"] for m in detail["members"]] == [alice.customer_id]
    shown = {i["email"]: i for i in detail["invitations"]}
    assert set(shown) == {bob.email, "nobody@example.com"}
    assert list(shown[bob.email]) == list(shown["nobody@example.com"])
    assert bob.customer_id not in [i["invited_by"] for i in detail["invitations"]]
    assert "bob" not in str(shown[bob.email]).replace(bob.email, "")  # no name, no id
    # The database did the same: one invitation row each, no membership for bob.
    members = conn.execute(
        "SELECT customer_id FROM habits.family_memberships WHERE family_id = %s", (family_id,)
    ).fetchall()
    assert [m["customer_id"] for m in members] == [alice.customer_id]


def test_user_exists_lookups_leave_fewer_invitations(make_app, client, alice):
    family_id = create_family(client, alice)
    limited = make_app(LOGIN_MAX_FAILURES_PER_ADDRESS="2").test_client()
    assert exists(limited, "nobody@example.com").json["data"] == {"exists": False}
    assert exists(limited, alice.email).json["data"] == {"exists": True}
    assert_error(invite(limited, alice, family_id, "nobody@example.com"), 429)


def test_a_taken_email_or_username_on_registration_counts_as_a_lookup(make_app, alice):
    limited = make_app(LOGIN_MAX_FAILURES_PER_ADDRESS="2").test_client()

    def register(email: str, **fields: str):
        body = {"email": email, "password": "long enough secret", **fields}
        return limited.post("/api/v1/auth/register", json=body, environ_base=ADDRESS)

    assert_error(register(alice.email), 409, "email")
    assert register("new@example.com", username="newbie").status_code == 201
    assert_error(register("other@example.com", username="NEWBIE"), 409, "username")
    # Over the limit: a third taken one is refused without saying whether it is taken.
    assert_error(register(alice.email), 429)
    # New accounts are not lookups: registering from the address goes on.
    assert register("third@example.com").status_code == 201


def test_a_login_for_a_missing_user_runs_bcrypt(client, alice, monkeypatch):
    """The same real bcrypt check for an unknown email as for a wrong password."""
    checked: list[str] = []
    real = login_module.check_password

    def counted(password: str, password_hash: str) -> bool:
        checked.append(password_hash)
        return real(password, password_hash)

    monkeypatch.setattr(login_module, "check_password", counted)
    missing = client.post(
        "/api/v1/auth/login", json={"email": "nobody@example.com", "password": "x" * 12}
    )
    wrong = client.post("/api/v1/auth/login", json={"email": alice.email, "password": "x" * 12})
    assert_error(missing, 401)
    assert_error(wrong, 401)
    assert missing.json["message"] == wrong.json["message"]
    assert len(checked) == 2
    assert checked[0].startswith("$2b$")
    assert checked[1].startswith("$2b$")
    assert checked[0] != checked[1]  # the dummy hash, then alice's own


def test_a_password_reset_for_a_missing_user_answers_as_a_wrong_code(client, alice):
    body = {"code": "not-the-code", "new_password": "a brand new secret"}
    missing = client.post(
        "/api/v1/auth/password-reset", json={"email": "nobody@example.com", **body}
    )
    wrong = client.post("/api/v1/auth/password-reset", json={"email": alice.email, **body})
    assert_error(missing, 422, "code")
    assert_error(wrong, 422, "code")
    assert missing.json == wrong.json


def test_ufc_exists_lookups_share_the_bucket(make_app, client, alice):
    family_id = create_family(client, alice)
    limited = make_app(LOGIN_MAX_FAILURES_PER_ADDRESS="2").test_client()
    assert exists(limited, alice.email).status_code == 200
    ufc = limited.get(f"/api/v1/ufc/users/{alice.email}/exists", environ_base=ADDRESS)
    assert ufc.json["data"]["exists"] is True
    assert_error(invite(limited, alice, family_id, "nobody@example.com"), 429)
    ufc_blocked = limited.get(f"/api/v1/ufc/users/{alice.email}/exists", environ_base=ADDRESS)
    assert_error(ufc_blocked, 429)


def test_every_lookup_counts_once_in_the_one_bucket_with_its_answer(client, conn, alice):
    """Both user-exists routes count through one statement (hit_rate_limit) in the bucket of
    the one client address, in the transaction of the lookup itself."""
    assert exists(client, alice.email).json["data"]["exists"] is True
    ufc = client.get(f"/api/v1/ufc/users/{alice.email}/exists", environ_base=ADDRESS)
    assert ufc.json["data"]["exists"] is True
    assert exists(client, "nobody@example.com").json["data"]["exists"] is False
    rows = conn.execute(
        "SELECT bucket, failures FROM aiapp.login_failures WHERE bucket LIKE 'exists:%'"
    ).fetchall()
    assert rows == [{"bucket": f"exists:{ADDRESS['REMOTE_ADDR']}", "failures": 3}]
