"""A family's rows under row-level security (migration 0025): a removed member and a pending
invitee see none of its habits, routines, logs and members, through any route and through the
policies themselves; only its owners and admins write other users' memberships."""

from __future__ import annotations

import io
import json
import zipfile

import psycopg
import pytest

from app import db
from tests.habits_helpers import API, create_family, create_habit, join, log_day


@pytest.fixture
def family(client, alice, bob, carol, dave):
    """alice's family with a habit, a routine and a log; bob joined and was removed, carol
    is invited and has not answered, dave is a live member."""
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob)
    join(client, family_id, alice, dave)
    habit = create_habit(client, alice, name="Brush teeth", family_id=family_id)
    routine = client.post(
        f"{API}/routines",
        headers=alice.headers,
        json={
            "name": "Evening",
            "time_of_day": "evening",
            "habit_ids": [habit["habit_id"]],
            "family_id": family_id,
        },
    )
    assert routine.status_code == 201, routine.json
    assert log_day(client, bob, habit["habit_id"], "2026-11-30").status_code == 200
    assert log_day(client, alice, habit["habit_id"], "2026-11-30").status_code == 200
    removed = client.delete(
        f"{API}/families/{family_id}/members/{bob.customer_id}", headers=alice.headers
    )
    assert removed.status_code == 200, removed.json
    invited = client.post(
        f"{API}/families/{family_id}/invitations",
        headers=alice.headers,
        json={"email": carol.email, "role": "member"},
    )
    assert invited.status_code == 201, invited.json
    return {
        "family_id": family_id,
        "habit_id": habit["habit_id"],
        "routine_id": routine.json["data"]["routine_id"],
    }


def seen_as(app, customer_id: int, statement: str, params: tuple = ()) -> list[dict]:
    """Rows a statement sees as storage_app acting for customer_id, nothing else filtering."""
    with app.test_request_context("/"):
        db.set_row_security(customer_id)
        try:
            return db.connection("main").execute(statement, params).fetchall()
        finally:
            db.rollback()


@pytest.mark.parametrize("outsider", ["bob", "carol"])
def test_a_removed_member_or_an_invitee_sees_nothing_of_the_family_over_http(
    client, family, request, outsider
):
    account = request.getfixturevalue(outsider)
    family_id, habit_id = family["family_id"], family["habit_id"]
    for path in (
        f"{API}/families/{family_id}",
        f"{API}/families/{family_id}/today",
        f"{API}/habits/{habit_id}",
        f"{API}/habits/{habit_id}/logs",
        f"{API}/habits/{habit_id}/streak",
        f"{API}/routines/{family['routine_id']}",
        f"{API}/routines/{family['routine_id']}/versions",
    ):
        assert client.get(path, headers=account.headers).status_code == 404, path
    for path in (f"{API}/habits", f"{API}/routines"):
        listed = client.get(path, headers=account.headers)
        assert listed.status_code == 200, listed.json
        assert listed.json["data"] == [], path


def test_a_live_member_sees_the_family_over_http(client, family, dave):
    for path in (f"{API}/habits", f"{API}/routines"):
        listed = client.get(path, headers=dave.headers).json["data"]
        assert [item["family_id"] for item in listed] == [family["family_id"]], path
    got = client.get(f"{API}/families/{family['family_id']}", headers=dave.headers)
    assert got.status_code == 200, got.json


@pytest.mark.parametrize("outsider", ["bob", "carol"])
def test_the_policies_themselves_hide_the_family_from_them(app, family, request, alice, outsider):
    """Unfiltered statements under app.customer_id: only their own membership row is left
    (a pending invitee has none: the invitation is by email, migration 0026)."""
    account = request.getfixturevalue(outsider)
    family_id = family["family_id"]
    me = account.customer_id
    assert seen_as(app, me, "SELECT habit_id FROM habits.habits") == []
    assert seen_as(app, me, "SELECT routine_id FROM habits.routines") == []
    # Only their own days (bob logged before he was removed), never another member's.
    logs = seen_as(app, me, "SELECT customer_id FROM habits.habit_logs")
    assert logs == ([{"customer_id": me}] if outsider == "bob" else [])
    members = seen_as(app, me, "SELECT customer_id FROM habits.family_memberships")
    assert members == ([{"customer_id": me}] if outsider == "bob" else [])
    users = seen_as(app, me, "SELECT customer_id FROM aiapp.users")
    assert users == [{"customer_id": me}]
    # A live member still sees the family (the bound is not simply closed for everyone).
    habits = seen_as(
        app,
        alice.customer_id,
        "SELECT habit_id FROM habits.habits WHERE family_id = %s",
        (family_id,),
    )
    assert [str(h["habit_id"]) for h in habits] == [family["habit_id"]]
    live = seen_as(
        app,
        alice.customer_id,
        "SELECT customer_id FROM habits.family_memberships WHERE family_id = %s",
        (family_id,),
    )
    assert len(live) == 3  # alice, dave and removed bob: the owner sees each


def test_only_owners_and_admins_write_other_users_memberships(app, family, dave, bob, conn):
    """A plain member's unfiltered UPDATE finds no other row to change, and their INSERT of a
    membership for another user is refused by the policy."""
    family_id = family["family_id"]
    with app.test_request_context("/"):
        db.set_row_security(dave.customer_id)
        changed = db.connection("main").execute(
            "UPDATE habits.family_memberships SET role = 'admin'"
            " WHERE family_id = %s AND customer_id <> %s",
            (family_id, dave.customer_id),
        )
        assert changed.rowcount == 0
        db.rollback()
        db.set_row_security(dave.customer_id)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.connection("main").execute(
                "INSERT INTO habits.family_memberships (family_id, customer_id, role)"
                " VALUES (%s, %s, 'member')",
                (family_id, bob.customer_id),
            )
        db.rollback()
    roles = conn.execute(
        "SELECT customer_id, role, deleted_at IS NULL AS live FROM habits.family_memberships"
        " WHERE family_id = %s ORDER BY customer_id",
        (family_id,),
    ).fetchall()
    assert [r["role"] for r in roles].count("admin") == 0
    assert {r["customer_id"]: r["live"] for r in roles}[bob.customer_id] is False


def test_the_last_owner_still_leaves_once_another_owner_exists(client, alice, dave, family):
    """The owner-keeping trigger counts every owner although the leaving owner's own row just
    stopped being live (it runs as the owner role)."""
    family_id = family["family_id"]
    promoted = client.patch(
        f"{API}/families/{family_id}/members/{dave.customer_id}",
        headers=alice.headers,
        json={"role": "owner"},
    )
    assert promoted.status_code == 200, promoted.json
    left = client.post(f"{API}/families/{family_id}/leave", headers=alice.headers)
    assert left.status_code == 200, left.json
    assert client.get(f"{API}/families/{family_id}", headers=alice.headers).status_code == 404
    assert client.get(f"{API}/families/{family_id}", headers=dave.headers).status_code == 200


def test_a_removed_member_still_exports_their_own_logs(client, family, bob):
    """Their days of a family habit are their own data: the export (under their
    app.customer_id) carries them, though the habit itself is hidden from them."""
    response = client.get("/api/v1/auth/me/export", headers=bob.headers)
    assert response.status_code == 200
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(response.get_data())).read("manifest.json"))
    assert manifest["tables"]["habits.habit_logs"]["rows"] == 1


def refused_as(app, customer_id: int, statement: str, params: tuple) -> None:
    """A write storage_app makes for customer_id that the policies refuse (migration 0027)."""
    with app.test_request_context("/"):
        db.set_row_security(customer_id)
        try:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                db.connection("main").execute(statement, params)
        finally:
            db.rollback()


def test_no_user_writes_themselves_into_a_family_or_up_its_roles(
    app, client, family, alice, bob, carol, dave, register
):
    """Unfiltered writes of one's own membership row: a removed member cannot come back, a
    member or an admin cannot promote themselves, an invitee can take only the role offered,
    and a stranger cannot join at all; leaving stays possible."""
    family_id = family["family_id"]
    refused_as(
        app,
        bob.customer_id,
        "UPDATE habits.family_memberships SET deleted_at = NULL"
        " WHERE family_id = %s AND customer_id = %s",
        (family_id, bob.customer_id),
    )
    refused_as(
        app,
        dave.customer_id,
        "UPDATE habits.family_memberships SET role = 'owner'"
        " WHERE family_id = %s AND customer_id = %s",
        (family_id, dave.customer_id),
    )
    promoted = client.patch(
        f"{API}/families/{family_id}/members/{dave.customer_id}",
        headers=alice.headers,
        json={"role": "admin"},
    )
    assert promoted.status_code == 200, promoted.json
    refused_as(
        app,
        dave.customer_id,
        "UPDATE habits.family_memberships SET role = 'owner'"
        " WHERE family_id = %s AND customer_id = %s",
        (family_id, dave.customer_id),
    )
    join_as = (
        "INSERT INTO habits.family_memberships (family_id, customer_id, role, accepted_at)"
        " VALUES (%s, %s, %s, now())"
    )
    refused_as(app, carol.customer_id, join_as, (family_id, carol.customer_id, "owner"))
    eve = register("eve@example.com")
    refused_as(app, eve.customer_id, join_as, (family_id, eve.customer_id, "member"))
    with app.test_request_context("/"):
        db.set_row_security(dave.customer_id)
        left = db.connection("main").execute(
            "UPDATE habits.family_memberships SET deleted_at = now()"
            " WHERE family_id = %s AND customer_id = %s",
            (family_id, dave.customer_id),
        )
        assert left.rowcount == 1
        db.rollback()
    roles = seen_as(
        app,
        alice.customer_id,
        "SELECT customer_id, role, deleted_at IS NULL AS live FROM habits.family_memberships"
        " WHERE family_id = %s ORDER BY customer_id",
        (family_id,),
    )
    assert {r["customer_id"]: (r["role"], r["live"]) for r in roles} == {
        alice.customer_id: ("owner", True),
        bob.customer_id: ("member", False),
        dave.customer_id: ("admin", True),
    }


def test_the_family_stops_seeing_a_removed_member(app, family, alice, bob):
    """Once removed, bob's account and days are no longer shown to the family (0027), as the
    family is no longer shown to him."""
    me = alice.customer_id
    assert (
        seen_as(app, me, "SELECT 1 FROM aiapp.users WHERE customer_id = %s", (bob.customer_id,))
        == []
    )
    logs = seen_as(app, me, "SELECT customer_id FROM habits.habit_logs")
    assert logs == [{"customer_id": me}]


def test_a_removed_member_accepts_a_new_invitation(client, family, alice, bob):
    """Coming back takes a new invitation: the accepting statement revives the old row in the
    role offered, which the policies allow because the invitation offers it."""
    family_id = family["family_id"]
    refused = client.post(f"{API}/families/{family_id}/accept", headers=bob.headers)
    assert refused.status_code == 404, refused.json
    join(client, family_id, alice, bob, role="admin")
    got = client.get(f"{API}/families/{family_id}", headers=bob.headers)
    assert got.status_code == 200, got.json
    members = {m["customer_id"]: m["role"] for m in got.json["data"]["members"]}
    assert members[bob.customer_id] == "admin"
