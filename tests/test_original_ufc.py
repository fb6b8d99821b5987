"""The original's UFC clients, replayed: every route of features/db/ufc sent its own request
model (camelCase aliases, tags as JSON text, person_id, user_id), answered in its shape."""

from __future__ import annotations

from tests.helpers import TEST_PASSWORD, assert_error
from tests.test_ufc_fighters import add_fighter

UFC = "/api/v1/ufc"

# CreateFighterRequest, every field, as the original's tools send them.
CREATE = {
    "name": "Ilia Topuria",
    "ufcUrl": "https://www.ufc.com/athlete/ilia-topuria",
    "fighterFullBodyImgUrl": "https://img.example.com/body.png",
    "fighterHeadshotImgUrl": "https://img.example.com/head.png",
    "weightClass": "Featherweight",
    "record": "15-0-0",
    "sherdogRecord": "15-0-0",
    "tags": '["champion", "knockout artist"]',
    "tagsDwcs": None,
    "height": "67",
    "weight": "145",
    "age": 27,
    "nextFightDate": "2025-06-28T00:00:00",
    "nextFightOpponent": "Charles Oliveira",
    "nextFightOpponentRecord": "35-10-0",
    "opponentHeadshotUrl": "https://img.example.com/oliveira.png",
    "opponentUfcUrl": "https://www.ufc.com/athlete/charles-oliveira",
    "rumourNextFightDate": None,
    "rumourNextFightOpponent": None,
    "rumourNextFightOpponentRecord": None,
    "rumourNextFightOpponentImgUrl": None,
    "rumourOpponentUfcUrl": None,
    "mydesc": "Undefeated.",
    "twitter": "https://x.com/topuriailia",
    "instagram": "https://instagram.com/iliatopuria",
    "sherdog": "https://www.sherdog.com/fighter/Ilia-Topuria",
}


def test_get_fighters_with_user_id_search_and_paging(client, alice, conn):
    add_fighter(conn, "Jon Jones")
    add_fighter(conn, "Jonesy Partial")
    response = client.get(
        f"{UFC}/fighters",
        query_string={"user_id": alice.customer_id, "search": "jones", "page": 1, "page_size": 1},
        headers=alice.headers,
    )
    assert response.status_code == 200, response.json
    data = response.json["data"]
    assert [f["name"] for f in data["fighters"]] == ["Jon Jones"]
    assert (data["total"], data["has_more"]) == (2, True)


def test_post_fighters(client, admin):
    response = client.post(f"{UFC}/fighters", json=CREATE, headers=admin.headers)
    assert response.status_code == 200, response.json
    assert response.json["data"]["status"] == "created"


def test_post_fighters_queue(client, admin, conn):
    body = {
        "full_name": "Some Prospect",
        "description": "DWCS winner",
        "dwcs_info": "Season 7",
        "customer_id": admin.customer_id,
    }
    response = client.post(f"{UFC}/fighters/queue", json=body, headers=admin.headers)
    assert response.status_code == 200, response.json
    stored = conn.execute("SELECT count(*) AS n FROM ufc.fighter_candidates").fetchone()
    assert stored["n"] == 1


def test_patch_fighter_with_whole_fighter_objects(client, admin, conn):
    fighter_id = add_fighter(conn, "Ilia Topuria")
    body = {
        "id": fighter_id,
        "name": "Ilia Topuria",
        "weightClass": "Lightweight",
        "nextFightDate": "0000-00-00",
        "mydesc": "Champion.",
        "age": 28,
        "subscribed": True,
    }
    response = client.patch(f"{UFC}/fighters/{fighter_id}", json=body, headers=admin.headers)
    assert response.status_code == 200, response.json
    row = conn.execute(
        "SELECT weight_class, description, next_fight_date FROM ufc.fighters WHERE id = %s",
        (fighter_id,),
    ).fetchone()
    assert (row["weight_class"], row["description"], row["next_fight_date"]) == (
        "Lightweight",
        "Champion.",
        None,
    )


def test_subscriptions_toggle_with_person_id(client, alice, conn):
    fighter_id = add_fighter(conn, "Jon Jones")
    body = {"personId": alice.customer_id, "fighterId": fighter_id, "subscribe": True}
    response = client.post(f"{UFC}/subscriptions/toggle", json=body, headers=alice.headers)
    assert response.status_code == 200, response.json
    assert response.json["data"]["subscription_status"] == "1"
    off = {"person_id": alice.customer_id, "fighter_id": fighter_id, "action": "unsubscribe"}
    response = client.post(f"{UFC}/subscriptions/toggle", json=off, headers=alice.headers)
    assert response.json["data"]["subscribed"] is False


def test_subscriptions_summaries(client, admin, alice, conn):
    fighter_id = add_fighter(conn, "Jon Jones")
    client.post(
        f"{UFC}/subscriptions/toggle",
        json={"personId": alice.customer_id, "fighterId": fighter_id, "subscribe": True},
        headers=alice.headers,
    )
    response = client.get(f"{UFC}/subscriptions/summaries", headers=admin.headers)
    assert response.status_code == 200, response.json
    assert response.json["meta"]["total"] >= 1


def test_auth_register_and_login(client):
    body = {
        "accountName": "Ann",
        "email": "ann@example.com",
        "password": TEST_PASSWORD,
        "lang": "pl",
        "photo": "ann.png",
    }
    made = client.post(f"{UFC}/auth/register", json=body)
    assert made.status_code in (200, 201), made.json
    login = client.post(
        f"{UFC}/auth/login", json={"email": "ann@example.com", "password": TEST_PASSWORD}
    )
    assert login.status_code == 200, login.json


def test_users_exists_and_profile(client, alice):
    exists = client.get(f"{UFC}/users/{alice.email}/exists", headers=alice.headers)
    assert exists.status_code == 200, exists.json
    assert exists.json["data"]["exists"] is True
    profile = client.get(f"{UFC}/users/{alice.email}", headers=alice.headers)
    assert profile.status_code == 200, profile.json
    assert_error(client.get(f"{UFC}/users/nobody@example.com", headers=alice.headers), 404)
