"""Families through HTTP: create, invite, accept, leave, roles, delete and restore."""

import psycopg
import pytest

from tests.habits_helpers import API, backdate_deletions, count, create_family, create_habit, join
from tests.helpers import assert_error


def test_creating_a_family_makes_you_its_owner(client, alice, conn):
    made = client.post(f"{API}/families", headers=alice.headers, json={"name": "The Smiths"})
    assert made.status_code == 201
    family = made.json["data"]
    assert (family["name"], family["role"]) == ("The Smiths", "owner")
    assert family["accepted_at"] is not None
    assert family["created_at"] == family["updated_at"]

    listed = client.get(f"{API}/families", headers=alice.headers).json["data"]
    assert [(f["family_id"], f["role"]) for f in listed] == [(family["family_id"], "owner")]
    detail = client.get(f"{API}/families/{family['family_id']}", headers=alice.headers)
    members = detail.json["data"]["members"]
    assert [(m["customer_id"], m["email"], m["role"]) for m in members] == [
        (alice.customer_id, alice.email, "owner")
    ]
    row = conn.execute("SELECT customer_id, role FROM habits.family_memberships").fetchone()
    assert row == {"customer_id": alice.customer_id, "role": "owner"}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": ""}, "name"),
        ({}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "A", "x": 1}, "x"),
    ],
)
def test_bad_family_is_400_and_writes_nothing(client, alice, conn, payload, field):
    assert_error(client.post(f"{API}/families", headers=alice.headers, json=payload), 400, field)
    assert count(conn, "families") == 0
    assert count(conn, "family_memberships") == 0


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/families"),
        ("post", "/families"),
        ("get", "/habits"),
        ("get", "/routines"),
        ("post", "/families/00000000-0000-0000-0000-000000000000/leave"),
        ("get", "/habits/00000000-0000-0000-0000-000000000000/streak"),
    ],
)
def test_every_route_needs_a_token(client, method, path):
    assert_error(getattr(client, method)(f"{API}{path}"), 401)


def test_outsiders_get_404_for_everything_of_a_family(client, alice, bob):
    family_id = create_family(client, alice)
    family = f"{API}/families/{family_id}"
    assert_error(client.get(family, headers=bob.headers), 404)
    assert_error(client.patch(family, headers=bob.headers, json={"name": "Mine"}), 404)
    assert_error(client.delete(family, headers=bob.headers), 404)
    assert_error(client.get(f"{family}/today", headers=bob.headers), 404)
    invite = {"email": bob.email}
    assert_error(client.post(f"{family}/invitations", headers=bob.headers, json=invite), 404)
    assert_error(client.post(f"{family}/leave", headers=bob.headers), 404)
    assert_error(client.post(f"{family}/accept", headers=bob.headers), 404)
    missing = f"{API}/families/00000000-0000-0000-0000-000000000000"
    assert_error(client.get(missing, headers=alice.headers), 404)
    assert client.get(f"{API}/families", headers=bob.headers).json["data"] == []


def test_invite_then_accept(client, alice, bob, conn):
    family_id = create_family(client, alice)
    invited = client.post(
        f"{API}/families/{family_id}/invitations",
        headers=alice.headers,
        json={"email": "BOB@example.com", "role": "admin"},
    )
    assert invited.status_code == 201
    invitation = invited.json["data"]
    assert (invitation["email"], invitation["role"]) == ("BOB@example.com", "admin")
    assert invitation["invited_by"] == alice.customer_id
    assert "customer_id" not in invitation  # an invitation names no account

    # An invitation shows in the invitee's list, but the family stays closed until accepted.
    listed = client.get(f"{API}/families", headers=bob.headers).json["data"]
    assert [(f["family_id"], f["accepted_at"]) for f in listed] == [(family_id, None)]
    assert listed[0]["expires_at"] == invitation["expires_at"]
    assert_error(client.get(f"{API}/families/{family_id}", headers=bob.headers), 404)

    accepted = client.post(f"{API}/families/{family_id}/accept", headers=bob.headers)
    assert accepted.status_code == 200
    membership = accepted.json["data"]
    assert (membership["customer_id"], membership["role"]) == (bob.customer_id, "admin")
    assert (membership["invited_by"], membership["accepted_at"] is None) == (
        alice.customer_id,
        False,
    )
    assert count(conn, "family_invitations") == 0
    detail = client.get(f"{API}/families/{family_id}", headers=bob.headers).json["data"]
    assert detail["role"] == "admin"
    assert [m["customer_id"] for m in detail["members"]] == [alice.customer_id, bob.customer_id]
    assert_error(client.post(f"{API}/families/{family_id}/accept", headers=bob.headers), 404)
    assert count(conn, "family_memberships") == 2


def test_invitations_that_are_refused(client, alice, bob, carol, dave, conn):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "admin")
    join(client, family_id, alice, carol, "child")
    invitations = f"{API}/families/{family_id}/invitations"

    again = client.post(invitations, headers=alice.headers, json={"email": bob.email.upper()})
    assert_error(again, 409, "email")
    by_child = client.post(invitations, headers=carol.headers, json={"email": dave.email})
    assert_error(by_child, 403)
    owner_by_admin = {"email": dave.email, "role": "owner"}
    assert_error(client.post(invitations, headers=bob.headers, json=owner_by_admin), 403, "role")
    bad_role = {"email": dave.email, "role": "king"}
    assert_error(client.post(invitations, headers=alice.headers, json=bad_role), 400, "role")
    assert count(conn, "family_memberships") == 3
    assert count(conn, "family_invitations") == 0

    by_admin = client.post(invitations, headers=bob.headers, json={"email": dave.email})
    assert by_admin.json["data"]["role"] == "member"


def test_leaving_and_being_invited_again(client, alice, bob):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob)
    habit = create_habit(client, alice, family_id=family_id)

    left = client.post(f"{API}/families/{family_id}/leave", headers=bob.headers)
    assert left.status_code == 200
    assert left.json["data"]["deleted_at"] is not None
    assert_error(client.get(f"{API}/families/{family_id}", headers=bob.headers), 404)
    assert_error(client.get(f"{API}/habits/{habit['habit_id']}", headers=bob.headers), 404)
    assert_error(client.post(f"{API}/families/{family_id}/leave", headers=bob.headers), 404)

    # The family and user pair stays unique: inviting again revives the same membership.
    join(client, family_id, alice, bob, "child")
    detail = client.get(f"{API}/families/{family_id}", headers=bob.headers).json["data"]
    assert (detail["role"], detail["members"][1]["customer_id"]) == ("child", bob.customer_id)
    assert (
        left.json["data"]["membership_id"]
        == (
            client.post(f"{API}/families/{family_id}/leave", headers=bob.headers).json["data"][
                "membership_id"
            ]
        )
    )


def test_the_last_owner_cannot_leave(client, alice, bob, conn):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob)
    family = f"{API}/families/{family_id}"

    assert_error(client.post(f"{family}/leave", headers=alice.headers), 409, "role")
    demote = {"role": "admin"}
    own = f"{family}/members/{alice.customer_id}"
    assert_error(client.patch(own, headers=alice.headers, json=demote), 409, "role")
    assert_error(client.delete(own, headers=alice.headers), 409, "role")
    roles = conn.execute(
        "SELECT role FROM habits.family_memberships WHERE deleted_at IS NULL ORDER BY role"
    ).fetchall()
    assert [r["role"] for r in roles] == ["member", "owner"]

    promoted = client.patch(
        f"{family}/members/{bob.customer_id}", headers=alice.headers, json={"role": "owner"}
    )
    assert promoted.json["data"]["role"] == "owner"
    assert client.post(f"{family}/leave", headers=alice.headers).status_code == 200
    assert_error(client.post(f"{family}/leave", headers=bob.headers), 409, "role")


def test_the_database_itself_keeps_an_owner(client, alice, conn):
    family_id = create_family(client, alice)
    with pytest.raises(psycopg.errors.RestrictViolation, match="without an owner"):
        conn.execute(
            "UPDATE habits.family_memberships SET role = 'member' WHERE family_id = %s",
            (family_id,),
        )
    with pytest.raises(psycopg.errors.RestrictViolation, match="without an owner"):
        conn.execute("DELETE FROM habits.family_memberships WHERE family_id = %s", (family_id,))
    with pytest.raises(psycopg.errors.RestrictViolation, match="without an owner"):
        conn.execute("INSERT INTO habits.families (name) VALUES ('Nobody owns this')")


def test_only_owners_change_roles_and_remove_members(client, alice, bob, carol, dave):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "admin")
    join(client, family_id, alice, carol, "member")
    carol_member = f"{API}/families/{family_id}/members/{carol.customer_id}"

    by_admin = client.patch(carol_member, headers=bob.headers, json={"role": "child"})
    assert_error(by_admin, 403)
    by_outsider = client.patch(carol_member, headers=dave.headers, json={"role": "child"})
    assert_error(by_outsider, 404)
    not_member = f"{API}/families/{family_id}/members/{dave.customer_id}"
    assert_error(client.patch(not_member, headers=alice.headers, json={"role": "child"}), 404)
    assert_error(client.delete(not_member, headers=alice.headers), 404)
    assert_error(client.patch(carol_member, headers=alice.headers, json={"role": "x"}), 400)

    changed = client.patch(carol_member, headers=alice.headers, json={"role": "child"})
    assert (changed.status_code, changed.json["data"]["role"]) == (200, "child")
    assert_error(client.delete(carol_member, headers=bob.headers), 403)
    removed = client.delete(carol_member, headers=alice.headers)
    assert removed.json["data"]["deleted_at"] is not None
    assert_error(client.get(f"{API}/families/{family_id}", headers=carol.headers), 404)


def test_owners_and_admins_rename_others_may_not(client, alice, bob, carol):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "admin")
    join(client, family_id, alice, carol, "child")
    family = f"{API}/families/{family_id}"

    renamed = client.patch(family, headers=bob.headers, json={"name": "House of Bob"})
    assert renamed.json["data"]["name"] == "House of Bob"
    assert renamed.json["data"]["updated_at"] > renamed.json["data"]["created_at"]
    assert_error(client.patch(family, headers=carol.headers, json={"name": "Mine"}), 403)
    assert_error(client.patch(family, headers=alice.headers, json={"name": ""}), 400, "name")
    assert client.get(family, headers=alice.headers).json["data"]["name"] == "House of Bob"


def test_deleting_a_family_hides_it_and_its_habits_until_restored(client, alice, bob, conn):
    family_id = create_family(client, alice)
    join(client, family_id, alice, bob, "admin")
    habit = create_habit(client, alice, family_id=family_id)
    family = f"{API}/families/{family_id}"

    assert_error(client.delete(family, headers=bob.headers), 403)
    deleted = client.delete(family, headers=alice.headers)
    assert deleted.json["data"]["deleted_at"] is not None
    for account in (alice, bob):
        assert client.get(f"{API}/families", headers=account.headers).json["data"] == []
        assert_error(client.get(family, headers=account.headers), 404)
        assert_error(client.get(f"{API}/habits/{habit['habit_id']}", headers=account.headers), 404)
        assert client.get(f"{API}/habits", headers=account.headers).json["data"] == []
    assert count(conn, "families") == 1  # soft: still stored

    assert_error(client.post(f"{family}/restore", headers=bob.headers), 404)
    restored = client.post(f"{family}/restore", headers=alice.headers)
    assert (restored.status_code, restored.json["data"]["deleted_at"]) == (200, None)
    assert client.get(f"{API}/habits/{habit['habit_id']}", headers=bob.headers).status_code == 200
    assert_error(client.post(f"{family}/restore", headers=alice.headers), 404)


def test_a_family_deleted_over_30_days_ago_cannot_be_restored(client, alice, conn):
    family_id = create_family(client, alice)
    client.delete(f"{API}/families/{family_id}", headers=alice.headers)
    backdate_deletions(conn, "families")
    assert_error(client.post(f"{API}/families/{family_id}/restore", headers=alice.headers), 404)


def test_an_admin_acts_for_a_user_with_customer_id(client, alice, admin):
    family_id = create_family(client, alice)
    acting = client.get(
        f"{API}/families", headers=admin.headers, query_string={"customer_id": alice.customer_id}
    )
    assert [f["family_id"] for f in acting.json["data"]] == [family_id]
    made = client.post(
        f"{API}/families",
        headers=admin.headers,
        json={"name": "Made for Alice", "customer_id": alice.customer_id},
    )
    assert made.status_code == 201
    names = [f["name"] for f in client.get(f"{API}/families", headers=alice.headers).json["data"]]
    assert names == ["Made for Alice", "The Smiths"]
    assert client.get(f"{API}/families", headers=admin.headers).json["data"] == []
