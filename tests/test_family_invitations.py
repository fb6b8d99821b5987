"""Family invitations by email (migration 0026): stored for the email whoever has it, seen by
the family's owners and admins as that email and by the invitee (the account with the email
now), accepted, declined, withdrawn, renewed and expired; the policies that show a row."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.rows import dict_row
from yoyo import read_migrations

from app import db, migrations
from tests.habits_helpers import API, count, create_family, join
from tests.helpers import assert_error

MIGRATION = "0026.email_invitations"


def invite(client, inviter, family_id: str, email: str, role: str = "member"):
    return client.post(
        f"{API}/families/{family_id}/invitations",
        headers=inviter.headers,
        json={"email": email, "role": role},
    )


def detail(client, account, family_id: str) -> dict:
    got = client.get(f"{API}/families/{family_id}", headers=account.headers)
    assert got.status_code == 200, got.json
    return got.json["data"]


def expire(conn, family_id: str, days_ago: int = 1) -> None:
    conn.execute(
        "UPDATE habits.family_invitations SET invited_at = now() - make_interval(days => %s),"
        " expires_at = now() - make_interval(days => %s) WHERE family_id = %s",
        (days_ago + 30, days_ago, family_id),
    )


def test_an_account_registered_after_the_invitation_accepts_it(client, alice, register, conn):
    family_id = create_family(client, alice)
    sent = invite(client, alice, family_id, "Newcomer@Example.com", "child")
    assert sent.status_code == 201, sent.json
    newcomer = register("newcomer@example.com")
    listed = client.get(f"{API}/families", headers=newcomer.headers).json["data"]
    assert [(f["family_id"], f["role"], f["accepted_at"]) for f in listed] == [
        (family_id, "child", None)
    ]
    accepted = client.post(f"{API}/families/{family_id}/accept", headers=newcomer.headers)
    assert accepted.status_code == 200, accepted.json
    assert accepted.json["data"]["customer_id"] == newcomer.customer_id
    seen = detail(client, alice, family_id)
    assert [(m["email"], m["role"]) for m in seen["members"]] == [
        (alice.email, "owner"),
        (newcomer.email, "child"),
    ]
    assert seen["invitations"] == []
    assert count(conn, "family_invitations") == 0
    # Their list now shows the membership, accepted, and no expiry.
    listed = client.get(f"{API}/families", headers=newcomer.headers).json["data"]
    assert [(f["accepted_at"] is not None, f["expires_at"]) for f in listed] == [(True, None)]


def test_the_invitee_is_whoever_has_the_email_now(client, alice, bob, register, conn):
    """An invitation is addressed to a mailbox: after bob's email changes, the invitation to
    his old address is no longer his, and one to his new address is."""
    family_id = create_family(client, alice)
    other_family = create_family(client, alice, "The Others")
    assert invite(client, alice, family_id, bob.email).status_code == 201
    assert invite(client, alice, other_family, "robert@example.com").status_code == 201
    conn.execute(
        "UPDATE aiapp.users SET email = 'robert@example.com' WHERE customer_id = %s",
        (bob.customer_id,),
    )
    listed = client.get(f"{API}/families", headers=bob.headers).json["data"]
    assert [f["family_id"] for f in listed] == [other_family]
    assert_error(client.post(f"{API}/families/{family_id}/accept", headers=bob.headers), 404)
    assert_error(client.post(f"{API}/families/{family_id}/leave", headers=bob.headers), 404)
    # Whoever registers the old address gets that invitation.
    successor = register("bob@example.com")
    accepted = client.post(f"{API}/families/{family_id}/accept", headers=successor.headers)
    assert accepted.json["data"]["customer_id"] == successor.customer_id
    joined = client.post(f"{API}/families/{other_family}/accept", headers=bob.headers)
    assert joined.status_code == 200, joined.json


def test_an_expired_invitation_cannot_be_accepted_until_renewed(client, alice, bob, conn):
    family_id = create_family(client, alice)
    first = invite(client, alice, family_id, bob.email).json["data"]
    expire(conn, family_id)
    assert client.get(f"{API}/families", headers=bob.headers).json["data"] == []
    assert_error(client.post(f"{API}/families/{family_id}/accept", headers=bob.headers), 404)
    # The owner still sees it, with when it expired, and renews it by inviting again.
    shown = detail(client, alice, family_id)["invitations"]
    assert [i["email"] for i in shown] == [bob.email]
    assert shown[0]["expires_at"] < first["expires_at"]
    renewed = invite(client, alice, family_id, bob.email.upper(), "admin").json["data"]
    assert renewed["invitation_id"] == first["invitation_id"]
    assert (renewed["email"], renewed["role"]) == (bob.email.upper(), "admin")
    assert renewed["expires_at"] >= first["expires_at"]
    assert count(conn, "family_invitations") == 1
    accepted = client.post(f"{API}/families/{family_id}/accept", headers=bob.headers)
    assert accepted.json["data"]["role"] == "admin"


def test_invitations_last_thirty_days(client, alice, conn):
    family_id = create_family(client, alice)
    invite(client, alice, family_id, "someone@example.com")
    days = conn.execute(
        "SELECT extract(epoch FROM expires_at - invited_at) / 86400 AS days"
        " FROM habits.family_invitations"
    ).fetchone()["days"]
    assert days == 30


def test_declining_deletes_the_invitation(client, alice, bob, conn):
    family_id = create_family(client, alice)
    sent = invite(client, alice, family_id, bob.email, "admin").json["data"]
    declined = client.post(f"{API}/families/{family_id}/leave", headers=bob.headers)
    assert declined.status_code == 200, declined.json
    answer = declined.json["data"]
    assert answer["membership_id"] == sent["invitation_id"]
    assert (answer["customer_id"], answer["role"], answer["accepted_at"]) == (
        bob.customer_id,
        "admin",
        None,
    )
    assert answer["deleted_at"] is not None
    assert detail(client, alice, family_id)["invitations"] == []
    assert_error(client.post(f"{API}/families/{family_id}/leave", headers=bob.headers), 404)
    assert_error(client.post(f"{API}/families/{family_id}/accept", headers=bob.headers), 404)
    assert count(conn, "family_invitations") == 0


def test_owners_withdraw_an_invitation_by_email(client, alice, bob, carol, conn):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "admin")
    invitations = f"{API}/families/{family_id}/invitations"
    assert invite(client, bob, family_id, "Someone@example.com").status_code == 201
    query = {"email": "someone@EXAMPLE.com"}
    assert_error(client.delete(invitations, headers=bob.headers, query_string=query), 403)
    assert_error(client.delete(invitations, headers=carol.headers, query_string=query), 404)
    bad = client.delete(invitations, headers=alice.headers, query_string={"email": "nope"})
    assert_error(bad, 400, "email")
    assert count(conn, "family_invitations") == 1
    withdrawn = client.delete(invitations, headers=alice.headers, query_string=query)
    assert withdrawn.status_code == 200, withdrawn.json
    assert (withdrawn.json["data"]["email"], withdrawn.json["data"]["invited_by"]) == (
        "Someone@example.com",
        bob.customer_id,
    )
    again = client.delete(invitations, headers=alice.headers, query_string=query)
    assert_error(again, 404, "email")
    assert count(conn, "family_invitations") == 0


def test_only_an_owner_changes_an_owners_invitation(client, alice, bob, carol, conn):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "admin")
    assert invite(client, alice, family_id, carol.email, "owner").status_code == 201
    assert_error(invite(client, bob, family_id, carol.email, "member"), 403, "role")
    assert conn.execute("SELECT role FROM habits.family_invitations").fetchone()["role"] == "owner"
    assert invite(client, alice, family_id, carol.email, "member").json["data"]["role"] == "member"
    assert invite(client, bob, family_id, carol.email, "child").json["data"]["role"] == "child"


def test_plain_members_see_no_invitations(client, alice, bob, carol):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "member")
    invite(client, alice, family_id, carol.email)
    assert detail(client, bob, family_id)["invitations"] == []
    assert [i["email"] for i in detail(client, alice, family_id)["invitations"]] == [carol.email]


def seen_as(app, customer_id: int, statement: str, params: tuple = ()) -> list[dict]:
    """Rows a statement sees as storage_app acting for customer_id, nothing else filtering."""
    with app.test_request_context("/"):
        db.set_row_security(customer_id)
        try:
            return db.connection("main").execute(statement, params).fetchall()
        finally:
            db.rollback()


def as_user(account, statement: str, params: tuple = ()) -> int:
    """Rows a statement changes as storage_app acting for the account (then rolled back)."""
    db.set_row_security(account.customer_id)
    try:
        return db.connection("main").execute(statement, params).rowcount
    finally:
        db.rollback()


def test_the_policies_show_an_invitation_to_managers_and_the_invitee_only(
    app, client, alice, bob, carol, register
):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "admin")
    member = register("member@example.com")
    join(client, family_id, alice, member, "member")
    outsider = register("outsider@example.com")
    invite(client, alice, family_id, carol.email.upper())
    statement = "SELECT email FROM habits.family_invitations"
    for account, sees in (
        (alice, True),
        (bob, True),
        (carol, True),
        (member, False),
        (outsider, False),
    ):
        expected = [{"email": carol.email.upper()}] if sees else []
        assert seen_as(app, account.customer_id, statement) == expected, account.email
    assert seen_as(app, 0, statement) == []

    adding = (
        "INSERT INTO habits.family_invitations (family_id, email, role, expires_at)"
        " VALUES (%s, 'friend@example.com', 'member', now() + interval '1 day')"
    )
    with app.test_request_context("/"):
        # The invitee may not change it nor invite anyone; they may delete theirs (decline).
        assert as_user(carol, "UPDATE habits.family_invitations SET role = 'owner'") == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            as_user(carol, adding, (family_id,))
        # A plain member may neither add one nor delete one; an admin may add one.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            as_user(member, adding, (family_id,))
        assert as_user(member, "DELETE FROM habits.family_invitations") == 0
        assert as_user(bob, adding, (family_id,)) == 1
        assert as_user(carol, "DELETE FROM habits.family_invitations") == 1
    assert seen_as(app, alice.customer_id, statement) == [{"email": carol.email.upper()}]


def test_the_purge_removes_invitations_long_expired(app, client, alice, conn):
    family_id = create_family(client, alice)
    other = create_family(client, alice, "Recent")
    invite(client, alice, family_id, "old@example.com")
    invite(client, alice, other, "recent@example.com")
    expire(conn, family_id, days_ago=31)
    expire(conn, other, days_ago=1)
    result = app.test_cli_runner().invoke(args=["habits", "purge"])
    assert result.exit_code == 0, result.output
    assert "1 family_invitations" in result.output
    left = conn.execute("SELECT email FROM habits.family_invitations").fetchall()
    assert left == [{"email": "recent@example.com"}]


def test_an_erased_inviters_invitations_go_with_them(client, alice, bob, conn):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "admin")
    invite(client, bob, family_id, "friend@example.com")
    invite(client, alice, family_id, "other@example.com")
    erased = client.delete("/api/v1/auth/me", headers=bob.headers, json={"password": bob.password})
    assert erased.status_code == 200, erased.json
    assert erased.json["data"]["removed"]["habits.family_invitations"] == 1
    left = conn.execute("SELECT email FROM habits.family_invitations").fetchall()
    assert left == [{"email": "other@example.com"}]


@pytest.fixture
def scratch_url(pg_server, postgresql):
    name = "email_invitations_data"
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    yield pg_server.url(name)
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def migrate(url: str, rollback: bool = False, only: bool = False) -> None:
    """Apply every migration before 0026 (or, with `only`, 0026 alone), or roll 0026 back."""
    found = read_migrations(str(migrations.MIGRATIONS_DIR))
    ids = migrations.migration_ids()
    chosen = {MIGRATION} if only or rollback else set(ids[: ids.index(MIGRATION)])
    with migrations._backend(url) as backend, backend.lock():
        if rollback:
            backend.rollback_migrations(backend.to_rollback(found).filter(lambda m: m.id in chosen))
        else:
            backend.apply_migrations(backend.to_apply(found).filter(lambda m: m.id in chosen))


SEED = """
INSERT INTO aiapp.users (customer_id, email, password_hash) OVERRIDING SYSTEM VALUE VALUES
    (901, 'owner@example.com', '$2b$x'), (902, 'Invited@Example.com', '$2b$x'),
    (903, 'member@example.com', '$2b$x'), (904, 'declined@example.com', '$2b$x');
-- One statement: a family must have its owner by the end of the statement that makes it.
WITH family AS (
    INSERT INTO habits.families (family_id, name)
    VALUES ('00000000-0000-0000-0000-000000000001', 'Moved')
    RETURNING family_id
)
INSERT INTO habits.family_memberships (family_id, customer_id, role, invited_by, accepted_at,
    deleted_at)
SELECT family.family_id, m.customer_id, m.role, m.invited_by, m.accepted_at, m.deleted_at
FROM family CROSS JOIN (VALUES
    (901, 'owner', NULL, now(), NULL::timestamptz),
    (902, 'admin', 901, NULL, NULL),
    (903, 'member', 901, now(), NULL),
    (904, 'member', 901, NULL, now())
) AS m (customer_id, role, invited_by, accepted_at, deleted_at);
"""


def test_pending_memberships_move_to_invitations_and_back(scratch_url):
    migrate(scratch_url)
    with psycopg.connect(scratch_url, autocommit=True, row_factory=dict_row) as conn:
        conn.execute(SEED)
        pending = conn.execute(
            "SELECT membership_id FROM habits.family_memberships WHERE customer_id = 902"
        ).fetchone()["membership_id"]
    migrate(scratch_url, only=True)
    with psycopg.connect(scratch_url, autocommit=True, row_factory=dict_row) as conn:
        moved = conn.execute(
            "SELECT invitation_id, email, email_key, role, invited_by,"
            " expires_at > now() + interval '29 days' AS fresh FROM habits.family_invitations"
        ).fetchall()
        assert moved == [
            {
                "invitation_id": pending,
                "email": "Invited@Example.com",
                "email_key": "invited@example.com",
                "role": "admin",
                "invited_by": 901,
                "fresh": True,
            }
        ]
        members = conn.execute(
            "SELECT customer_id FROM habits.family_memberships ORDER BY customer_id"
        ).fetchall()
        assert [m["customer_id"] for m in members] == [901, 903]
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "INSERT INTO habits.family_memberships (family_id, customer_id, role)"
                " VALUES ('00000000-0000-0000-0000-000000000001', 904, 'member')"
            )
        # One to an email without an account cannot go back; the one to an account does.
        conn.execute(
            "INSERT INTO habits.family_invitations (family_id, email, role, expires_at)"
            " VALUES ('00000000-0000-0000-0000-000000000001', 'nobody@example.com', 'member',"
            " now() + interval '1 day')"
        )
    migrate(scratch_url, rollback=True)
    with psycopg.connect(scratch_url, autocommit=True, row_factory=dict_row) as conn:
        back = conn.execute(
            "SELECT membership_id, customer_id, role, invited_by, accepted_at"
            " FROM habits.family_memberships WHERE accepted_at IS NULL"
        ).fetchall()
        assert back == [
            {
                "membership_id": pending,
                "customer_id": 902,
                "role": "admin",
                "invited_by": 901,
                "accepted_at": None,
            }
        ]
        assert conn.execute("SELECT to_regclass('habits.family_invitations') AS t").fetchone() == {
            "t": None
        }
