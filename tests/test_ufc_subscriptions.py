"""UFC subscriptions through HTTP: the toggle and the per-user summaries."""

import pytest

from tests.helpers import assert_error
from tests.test_ufc_fighters import add_fighter, subscribe

TOGGLE = "/api/v1/ufc/subscriptions/toggle"
SUMMARIES = "/api/v1/ufc/subscriptions/summaries"


def toggle(client, account, **payload):
    return client.post(TOGGLE, headers=account.headers, json=payload)


def subscribed_ids(conn, customer_id):
    rows = conn.execute(
        "SELECT fighter_id FROM ufc.subscriptions WHERE customer_id = %s ORDER BY fighter_id",
        (customer_id,),
    ).fetchall()
    return [row["fighter_id"] for row in rows]


def test_toggle_flips_the_subscription(client, alice, conn):
    fighter_id = add_fighter(conn, "Jon Jones")
    on = toggle(client, alice, fighter_id=fighter_id)
    assert on.status_code == 200, on.json
    data = on.json["data"]
    assert data | {"updated_at": None} == {
        "person_id": alice.customer_id,
        "customer_id": alice.customer_id,
        "fighter_id": fighter_id,
        "subscribed": True,
        "subscription_status": "1",
        "changed": True,
        "updated_at": None,
        "message": "Subscription updated",
    }
    assert data["updated_at"] is not None
    assert on.json["meta"] == {"changed": True}
    assert subscribed_ids(conn, alice.customer_id) == [fighter_id]

    off = toggle(client, alice, fighterId=fighter_id).json["data"]
    assert (off["subscription_status"], off["subscribed"], off["changed"]) == ("0", False, True)
    assert subscribed_ids(conn, alice.customer_id) == []


def test_subscribe_and_action_set_a_state(client, alice, conn):
    fighter_id = add_fighter(conn, "Jon Jones")
    first = toggle(client, alice, fighter_id=fighter_id, subscribe=True).json["data"]
    again = toggle(client, alice, fighter_id=fighter_id, action="subscribe").json["data"]
    assert (first["changed"], again["changed"]) == (True, False)
    assert again["subscription_status"] == "1"
    assert again["updated_at"] is None
    assert again["message"] == "Subscription already as requested"
    assert subscribed_ids(conn, alice.customer_id) == [fighter_id]
    off = toggle(client, alice, fighter_id=fighter_id, action="unsubscribe").json["data"]
    still_off = toggle(client, alice, fighter_id=fighter_id, subscribe=False).json["data"]
    assert (off["changed"], still_off["changed"]) == (True, False)
    assert still_off["subscription_status"] == "0"
    assert subscribed_ids(conn, alice.customer_id) == []


def test_each_user_toggles_only_their_own(client, alice, bob, conn):
    fighter_id = add_fighter(conn, "Jon Jones")
    subscribe(conn, bob.customer_id, fighter_id)
    toggle(client, alice, fighter_id=fighter_id)
    assert subscribed_ids(conn, alice.customer_id) == [fighter_id]
    assert subscribed_ids(conn, bob.customer_id) == [fighter_id]
    response = toggle(client, alice, fighter_id=fighter_id, customer_id=bob.customer_id)
    assert_error(response, 403)
    assert subscribed_ids(conn, bob.customer_id) == [fighter_id]


def test_an_admin_toggles_for_a_user(client, admin, alice, conn):
    fighter_id = add_fighter(conn, "Jon Jones")
    response = toggle(client, admin, fighter_id=fighter_id, customer_id=alice.customer_id)
    assert response.json["data"]["customer_id"] == alice.customer_id
    assert subscribed_ids(conn, alice.customer_id) == [fighter_id]
    assert subscribed_ids(conn, admin.customer_id) == []


def test_toggling_a_missing_fighter_is_404(client, alice, conn):
    assert_error(toggle(client, alice, fighter_id=999), 404)
    assert_error(toggle(client, alice, fighter_id=999, subscribe=False), 404)
    assert subscribed_ids(conn, alice.customer_id) == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "fighter_id"),
        ({"fighter_id": "1"}, "fighter_id"),
        ({"fighter_id": 0}, "fighter_id"),
        ({"fighter_id": 1, "action": "follow"}, "action"),
        ({"fighter_id": 1, "action": "subscribe", "subscribe": False}, "action"),
        ({"fighter_id": 1, "subscribe": "yes please"}, "subscribe"),
    ],
)
def test_bad_toggles_are_400_and_write_nothing(client, alice, conn, payload, field):
    add_fighter(conn, "Jon Jones")
    assert_error(toggle(client, alice, **payload), 400, field)
    assert subscribed_ids(conn, alice.customer_id) == []


def test_toggle_needs_a_token(client, conn):
    fighter_id = add_fighter(conn, "Jon Jones")
    assert_error(client.post(TOGGLE, json={"fighter_id": fighter_id}), 401)


def test_deleting_a_fighter_or_a_user_removes_their_subscriptions(alice, bob, conn):
    jones = add_fighter(conn, "Jon Jones")
    aspinall = add_fighter(conn, "Tom Aspinall")
    for customer_id in (alice.customer_id, bob.customer_id):
        subscribe(conn, customer_id, jones)
        subscribe(conn, customer_id, aspinall)
    conn.execute("DELETE FROM ufc.fighters WHERE id = %s", (jones,))
    assert subscribed_ids(conn, alice.customer_id) == [aspinall]
    conn.execute("DELETE FROM aiapp.users WHERE customer_id = %s", (alice.customer_id,))
    assert conn.execute("SELECT customer_id FROM ufc.subscriptions").fetchall() == [
        {"customer_id": bob.customer_id}
    ]


def test_a_user_sees_their_own_summary(client, alice, bob, conn):
    jones = add_fighter(conn, "Jon Jones")
    aspinall = add_fighter(conn, "Tom Aspinall")
    subscribe(conn, alice.customer_id, aspinall)
    subscribe(conn, alice.customer_id, jones)
    subscribe(conn, bob.customer_id, jones)
    response = client.get(SUMMARIES, headers=alice.headers)
    assert response.status_code == 200
    assert response.json["data"] == {
        "items": [
            {
                "customer_id": alice.customer_id,
                "accountName": alice.email,
                "email": alice.email,
                "subscriptions": [str(jones), str(aspinall)],
            }
        ],
        "total": 1,
    }
    assert response.json["meta"] == {"total": 1}


def test_an_admin_sees_every_users_summary(client, alice, bob, admin, conn):
    jones = add_fighter(conn, "Jon Jones")
    subscribe(conn, bob.customer_id, jones)
    conn.execute(
        "UPDATE aiapp.users SET display_name = 'Bobby' WHERE customer_id = %s", (bob.customer_id,)
    )
    body = client.get(SUMMARIES, headers=admin.headers).json
    assert body["data"]["items"] == [
        {
            "customer_id": alice.customer_id,
            "accountName": alice.email,
            "email": alice.email,
            "subscriptions": [],
        },
        {
            "customer_id": bob.customer_id,
            "accountName": "Bobby",
            "email": bob.email,
            "subscriptions": [str(jones)],
        },
        {
            "customer_id": admin.customer_id,
            "accountName": admin.email,
            "email": admin.email,
            "subscriptions": [],
        },
    ]
    assert body["meta"] == {"total": 3}
    acting = client.get(
        SUMMARIES, headers=admin.headers, query_string={"customer_id": bob.customer_id}
    ).json["data"]
    assert [item["customer_id"] for item in acting["items"]] == [bob.customer_id]


def test_summaries_need_a_token_and_hide_other_users(client, alice, bob):
    assert_error(client.get(SUMMARIES), 401)
    other = client.get(
        SUMMARIES, headers=alice.headers, query_string={"customer_id": bob.customer_id}
    )
    assert_error(other, 403)


def test_the_originals_person_id_names_the_user(client, alice, bob, admin, conn):
    fighter_id = add_fighter(conn, "Jon Jones")
    mine = toggle(client, alice, personId=alice.customer_id, fighterId=fighter_id, subscribe=True)
    assert mine.status_code == 200, mine.json
    assert subscribed_ids(conn, alice.customer_id) == [fighter_id]
    # A user token may not name someone else; an admin token acts for the user it names.
    assert_error(toggle(client, alice, person_id=bob.customer_id, fighter_id=fighter_id), 403)
    assert subscribed_ids(conn, bob.customer_id) == []
    for_bob = toggle(client, admin, person_id=bob.customer_id, fighter_id=fighter_id)
    assert for_bob.json["data"]["customer_id"] == bob.customer_id
    assert subscribed_ids(conn, bob.customer_id) == [fighter_id]
    mixed = toggle(
        client,
        admin,
        customer_id=alice.customer_id,
        person_id=bob.customer_id,
        fighter_id=fighter_id,
    )
    assert_error(mixed, 400, "person_id")
    assert_error(toggle(client, alice, person_id=0, fighter_id=fighter_id), 400, "person_id")
