"""UFC fighters through HTTP: the list (search, paging, subscribed flag), create and patch."""

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.helpers import assert_error

FIGHTERS = "/api/v1/ufc/fighters"


def add_fighter(conn, name, complete=True, **columns):
    """A fighter stored directly; complete ones have weight class, height and weight."""
    values = {
        "name": name,
        "ufc_url": f"https://www.ufc.com/athlete/{name.lower().replace(' ', '-')}",
        **({"weight_class": "Lightweight", "height": "70", "weight": "155"} if complete else {}),
        **columns,
    }
    if "tags" in values:
        values["tags"] = Jsonb(values["tags"])
    names = ", ".join(values)
    marks = ", ".join(f"%({key})s" for key in values)
    row = conn.execute(
        f"INSERT INTO ufc.fighters ({names}) VALUES ({marks}) RETURNING id",  # noqa: S608
        values,
    ).fetchone()
    return row["id"]


def subscribe(conn, customer_id, fighter_id):
    conn.execute(
        "INSERT INTO ufc.subscriptions (customer_id, fighter_id) VALUES (%s, %s)",
        (customer_id, fighter_id),
    )


def listing(client, account, **query):
    response = client.get(FIGHTERS, headers=account.headers, query_string=query)
    assert response.status_code == 200, response.json
    return response.json


def names(body):
    return [fighter["name"] for fighter in body["data"]["fighters"]]


def fighter_count(conn):
    return conn.execute("SELECT count(*) AS n FROM ufc.fighters").fetchone()["n"]


NEW_FIGHTER = {
    "name": "Islam Makhachev",
    "ufcUrl": "https://www.ufc.com/athlete/islam-makhachev",
    "fighterFullBodyImgUrl": "https://img.example/islam-body.png",
    "fighterHeadshotImgUrl": "https://img.example/islam-head.png",
    "weightClass": "Lightweight",
    "record": "26-1-0",
    "sherdogRecord": "26-1",
    "nextFightDate": "2025-01-18T22:00:00+00:00",
    "nextFightOpponent": "Renato Moicano",
    "tags": '["Champion", "Dagestan"]',
    "tagsDwcs": "",
    "height": "70",
    "weight": "155",
    "age": 33,
    "mydesc": "Sambo world champion.",
    "tapology": "https://www.tapology.com/islam",
}


# GET /fighters


def test_list_shows_each_fighter_in_the_original_shape(client, alice, conn):
    fighter_id = add_fighter(
        conn,
        "Alex Pereira",
        tags=["Champion", "Kickboxer"],
        record="12-2-0",
        next_fight_date="2025-03-08",
        description="Poatan",
    )
    body = listing(client, alice)
    fighter = body["data"]["fighters"][0]
    assert fighter["id"] == fighter_id
    assert fighter["ufcUrl"] == "https://www.ufc.com/athlete/alex-pereira"
    assert (fighter["weightClass"], fighter["height"], fighter["weight"]) == (
        "Lightweight",
        "70",
        "155",
    )
    assert fighter["tags"] == ["Champion", "Kickboxer"]
    assert fighter["nextFightDate"] == "2025-03-08"
    assert fighter["mydesc"] == "Poatan"
    assert fighter["record"] == "12-2-0"
    assert fighter["rumourNextFightDate"] is None
    assert (fighter["subscribed"], fighter["subscription_status"]) == (False, "0")
    assert body["message"] == "Retrieved 1 fighters"


def test_search_is_case_insensitive_over_name_tags_and_weight_class(client, alice, conn):
    add_fighter(conn, "Jon Jones", weight_class="Heavyweight", tags=["GOAT"])
    add_fighter(conn, "Tom Aspinall", weight_class="Heavyweight", tags=["Interim"])
    add_fighter(conn, "Sean O'Malley", weight_class="Bantamweight", tags=["Suga Show"])
    add_fighter(conn, "Merab Dvalishvili", weight_class="Bantamweight", tags=["Cardio"])

    assert names(listing(client, alice, search="jOnEs")) == ["Jon Jones"]
    assert names(listing(client, alice, search="suga")) == ["Sean O'Malley"]
    assert names(listing(client, alice, search="HEAVY")) == ["Jon Jones", "Tom Aspinall"]
    assert names(listing(client, alice, search="  goat  ")) == ["Jon Jones"]
    assert names(listing(client, alice, search="nobody")) == []
    everyone = listing(client, alice, search="")
    assert everyone["data"]["total"] == 4
    assert everyone["data"]["search"] is None


def test_search_wildcards_match_literally(client, alice, conn):
    add_fighter(conn, "Fighter A", tags=["100% finisher"])
    add_fighter(conn, "Fighter B", tags=["1000 finishes"])
    add_fighter(conn, "Fighter_C")
    add_fighter(conn, "FighterXD")
    assert names(listing(client, alice, search="100%")) == ["Fighter A"]
    assert names(listing(client, alice, search="r_")) == ["Fighter_C"]


def test_search_is_served_by_the_trigram_index(client, conn):
    add_fighter(conn, "Jon Jones", tags=["GOAT"])
    conn.execute("SET search_path = ufc")
    conn.execute("SET enable_seqscan = off")
    plan = conn.execute(
        "EXPLAIN SELECT id FROM fighters AS f"
        " WHERE fighter_search_text(f.name, f.weight_class, f.tags) ILIKE '%%jones%%'"
    ).fetchall()
    assert "fighters_search_trgm_idx" in " ".join(row["QUERY PLAN"] for row in plan)


def test_incomplete_fighters_are_hidden_unless_asked_for(client, alice, conn):
    add_fighter(conn, "Complete Fighter")
    add_fighter(conn, "No Weight Class", weight_class=None, height="70", weight="155")
    add_fighter(conn, "No Height", complete=False, weight_class="Flyweight", weight="125")
    add_fighter(conn, "Bare Fighter", complete=False)
    shown = listing(client, alice)
    assert names(shown) == ["Complete Fighter"]
    assert shown["data"]["total"] == 1
    everyone = listing(client, alice, include_incomplete="true")
    assert everyone["data"]["total"] == 4
    assert names(listing(client, alice, includeIncomplete="true", search="bare")) == [
        "Bare Fighter"
    ]


def test_paging_is_done_in_sql_with_total_and_has_more(client, alice, conn):
    for number in range(1, 6):
        add_fighter(conn, f"Fighter {number}")
    first = listing(client, alice, page=1, page_size=2)
    assert names(first) == ["Fighter 1", "Fighter 2"]
    assert first["data"] | {"fighters": None} == {
        "fighters": None,
        "total": 5,
        "page": 1,
        "page_size": 2,
        "has_more": True,
        "search": None,
        "subscriptions_enabled": True,
    }
    assert first["meta"] == {
        "total": 5,
        "page": 1,
        "pageSize": 2,
        "hasMore": True,
        "search": None,
        "subscriptionsEnabled": True,
    }
    last = listing(client, alice, page=3, pageSize=2)
    assert names(last) == ["Fighter 5"]
    assert (last["data"]["has_more"], last["meta"]["hasMore"]) == (False, False)
    exact = listing(client, alice, page=1, page_size=5)
    assert len(names(exact)) == 5
    assert exact["data"]["has_more"] is False


def test_a_page_past_the_end_is_empty_not_an_error(client, alice, conn):
    add_fighter(conn, "Only Fighter")
    past = listing(client, alice, page=7, page_size=100)
    assert past["data"]["fighters"] == []
    assert (past["data"]["total"], past["data"]["has_more"]) == (1, False)
    assert past["message"] == "Retrieved 0 fighters"


def test_default_page_size_is_100(client, alice, conn):
    for number in range(101):
        add_fighter(conn, f"Fighter {number:03}")
    body = listing(client, alice)
    assert len(body["data"]["fighters"]) == 100
    assert (body["data"]["page_size"], body["data"]["has_more"]) == (100, True)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"page": 0}, "page"),
        ({"page": "x"}, "page"),
        ({"page_size": 2001}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"search": "x" * 256}, "search"),
        ({"include_incomplete": "maybe"}, "include_incomplete"),
    ],
)
def test_bad_list_parameters_are_400(client, alice, query, field):
    assert_error(client.get(FIGHTERS, headers=alice.headers, query_string=query), 400, field)


def test_the_subscribed_flag_is_the_callers(client, alice, bob, admin, conn):
    jones = add_fighter(conn, "Jon Jones")
    add_fighter(conn, "Tom Aspinall")
    subscribe(conn, alice.customer_id, jones)

    def flags(account, **query):
        return {
            f["name"]: f["subscribed"]
            for f in listing(client, account, **query)["data"]["fighters"]
        }

    assert flags(alice) == {"Jon Jones": True, "Tom Aspinall": False}
    assert flags(bob) == {"Jon Jones": False, "Tom Aspinall": False}
    statuses = [f["subscription_status"] for f in listing(client, alice)["data"]["fighters"]]
    assert statuses == ["1", "0"]
    assert flags(admin, customer_id=alice.customer_id) == {"Jon Jones": True, "Tom Aspinall": False}


def test_listing_needs_a_token(client, alice):
    assert_error(client.get(FIGHTERS), 401)


def test_a_user_cannot_list_as_another_user(client, alice, bob):
    response = client.get(
        FIGHTERS, headers=alice.headers, query_string={"customer_id": bob.customer_id}
    )
    assert_error(response, 403)


# POST /fighters


def test_admin_creates_a_fighter_from_the_originals_camel_case_keys(client, admin, conn):
    response = client.post(FIGHTERS, headers=admin.headers, json=NEW_FIGHTER)
    assert response.status_code == 200, response.json
    body = response.json
    assert body["data"]["status"] == "created"
    assert body["data"]["changed"] is True
    assert body["meta"] == {"status": "created", "changed": True}
    fighter = body["data"]["fighter"]
    assert fighter["id"] == body["data"]["fighter_id"]
    assert fighter["nextFightDate"] == "2025-01-18"
    assert fighter["tags"] == ["Champion", "Dagestan"]
    assert fighter["mydesc"] == "Sambo world champion."
    assert fighter["tagsDwcs"] is None
    row = conn.execute(
        "SELECT ufc_url, weight_class, age, tags, next_fight_date::text AS day, description,"
        " tags_dwcs FROM ufc.fighters WHERE id = %s",
        (fighter["id"],),
    ).fetchone()
    assert row == {
        "ufc_url": "https://www.ufc.com/athlete/islam-makhachev",
        "weight_class": "Lightweight",
        "age": 33,
        "tags": ["Champion", "Dagestan"],
        "day": "2025-01-18",
        "description": "Sambo world champion.",
        "tags_dwcs": None,
    }


def test_snake_case_keys_and_only_the_required_fields(client, admin, conn):
    response = client.post(
        FIGHTERS,
        headers=admin.headers,
        json={"name": "Bare Fighter", "ufc_url": "https://ufc.example/bare", "tags": ["A"]},
    )
    assert response.status_code == 200
    row = conn.execute("SELECT tags, weight_class FROM ufc.fighters").fetchone()
    assert row == {"tags": ["A"], "weight_class": None}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Islam MAKHACHEV", "ufcUrl": "https://ufc.example/other"}, "name"),
        ({"name": "Someone Else"}, "ufc_url"),
    ],
)
def test_a_duplicate_name_or_url_is_409_with_the_existing_id(client, admin, conn, change, field):
    first = client.post(FIGHTERS, headers=admin.headers, json=NEW_FIGHTER).json["data"]
    response = client.post(FIGHTERS, headers=admin.headers, json=NEW_FIGHTER | change)
    body = assert_error(response, 409, field)
    assert body["data"]["errors"]["fighter_id"] == first["fighter_id"]
    assert str(first["fighter_id"]) in body["data"]["errors"][field][0]
    assert fighter_count(conn) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"ufcUrl": None}, "ufc_url"),
        ({"age": 121}, "age"),
        ({"age": "thirty"}, "age"),
        ({"weightClass": "x" * 51}, "weight_class"),
        ({"nextFightDate": "next week"}, "next_fight_date"),
        ({"tags": "not json"}, "tags"),
        ({"tags": [1, 2]}, "tags"),
        ({"tags": '{"a": 1}'}, "tags"),
        ({"unknown": 1}, "unknown"),
    ],
)
def test_bad_fighters_are_400_and_write_nothing(client, admin, conn, change, field):
    response = client.post(FIGHTERS, headers=admin.headers, json=NEW_FIGHTER | change)
    assert_error(response, 400, field)
    assert fighter_count(conn) == 0


def test_only_an_admin_creates_fighters(client, alice, conn):
    assert_error(client.post(FIGHTERS, headers=alice.headers, json=NEW_FIGHTER), 403)
    assert_error(client.post(FIGHTERS, json=NEW_FIGHTER), 401)
    assert fighter_count(conn) == 0


# PATCH /fighters/<id>


def test_patch_changes_only_what_was_sent(client, admin, conn):
    fighter_id = add_fighter(conn, "Dustin Poirier", record="30-8-0", age=35, tags=["Diamond"])
    response = client.patch(
        f"{FIGHTERS}/{fighter_id}",
        headers=admin.headers,
        json={"rumourNextFightOpponent": "Max Holloway", "rumour_next_fight_date": "2025-07-19"},
    )
    assert response.status_code == 200, response.json
    data = response.json["data"]
    assert (data["status"], data["changed"]) == ("updated", True)
    assert response.json["meta"] == {"status": "updated", "changed": True}
    fighter = data["fighter"]
    assert fighter["rumourNextFightOpponent"] == "Max Holloway"
    assert fighter["rumourNextFightDate"] == "2025-07-19"
    assert (fighter["record"], fighter["age"], fighter["tags"]) == ("30-8-0", 35, ["Diamond"])


def test_patch_turns_empty_strings_and_zero_dates_into_null(client, admin, conn):
    fighter_id = add_fighter(
        conn, "Dustin Poirier", next_fight_date="2025-07-19", twitter="@poirier", tags=["A"]
    )
    response = client.patch(
        f"{FIGHTERS}/{fighter_id}",
        headers=admin.headers,
        json={"nextFightDate": "0000-00-00", "twitter": "", "tags": "", "mydesc": "  Louisiana "},
    )
    assert response.status_code == 200, response.json
    row = conn.execute(
        "SELECT next_fight_date, twitter, tags, description FROM ufc.fighters WHERE id = %s",
        (fighter_id,),
    ).fetchone()
    assert row == {"next_fight_date": None, "twitter": None, "tags": [], "description": "Louisiana"}


def test_patch_ignores_keys_that_are_not_fighter_fields(client, admin, conn):
    """The original's clients send back whole fighter objects (id, subscription_status...)."""
    fighter_id = add_fighter(conn, "Dustin Poirier")
    response = client.patch(
        f"{FIGHTERS}/{fighter_id}",
        headers=admin.headers,
        json={"id": 999, "subscription_status": "1", "weight": "156"},
    )
    assert response.json["data"]["fighter"]["weight"] == "156"
    assert response.json["data"]["fighter_id"] == fighter_id


def test_patch_with_the_stored_values_changes_nothing(client, admin, conn):
    fighter_id = add_fighter(conn, "Dustin Poirier", record="30-8-0")
    before = conn.execute("SELECT updated_at FROM ufc.fighters").fetchone()["updated_at"]
    response = client.patch(
        f"{FIGHTERS}/{fighter_id}", headers=admin.headers, json={"record": "30-8-0"}
    )
    assert (response.json["data"]["status"], response.json["data"]["changed"]) == (
        "unchanged",
        False,
    )
    after = conn.execute("SELECT updated_at FROM ufc.fighters").fetchone()["updated_at"]
    assert after == before


def test_patch_to_another_fighters_name_is_409(client, admin, conn):
    add_fighter(conn, "Jon Jones")
    other = add_fighter(conn, "Tom Aspinall")
    response = client.patch(
        f"{FIGHTERS}/{other}", headers=admin.headers, json={"name": "JON JONES"}
    )
    assert_error(response, 409, "name")
    taken_url = {"ufcUrl": "https://www.ufc.com/athlete/jon-jones"}
    assert_error(client.patch(f"{FIGHTERS}/{other}", headers=admin.headers, json=taken_url), 409)
    name = conn.execute("SELECT name FROM ufc.fighters WHERE id = %s", (other,)).fetchone()
    assert name["name"] == "Tom Aspinall"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "_schema"),
        ({"customer_id": None}, "customer_id"),
        ({"name": ""}, "name"),
        ({"ufc_url": None}, "ufc_url"),
        ({"age": -1}, "age"),
        ({"nextFightDate": "2025-13-01"}, "next_fight_date"),
    ],
)
def test_bad_patches_are_400(client, admin, conn, payload, field):
    fighter_id = add_fighter(conn, "Dustin Poirier", age=35)
    response = client.patch(f"{FIGHTERS}/{fighter_id}", headers=admin.headers, json=payload)
    assert_error(response, 400, field)
    assert conn.execute("SELECT name, age FROM ufc.fighters").fetchone() == {
        "name": "Dustin Poirier",
        "age": 35,
    }


def test_patch_of_a_missing_fighter_is_404(client, admin):
    assert_error(client.patch(f"{FIGHTERS}/999", headers=admin.headers, json={"age": 30}), 404)


def test_only_an_admin_patches(client, alice, conn):
    fighter_id = add_fighter(conn, "Dustin Poirier", age=35)
    assert_error(
        client.patch(f"{FIGHTERS}/{fighter_id}", headers=alice.headers, json={"age": 1}), 403
    )
    assert conn.execute("SELECT age FROM ufc.fighters").fetchone()["age"] == 35


def test_the_database_refuses_what_the_schema_would(conn):
    with pytest.raises(psycopg.errors.CheckViolation):
        add_fighter(conn, "Bad Tags", tags={"not": "an array"})


def test_whole_words_rank_above_partial_matches(client, alice, conn):
    add_fighter(conn, "Jonesy Partial")
    add_fighter(conn, "Alan Jonesworth")
    add_fighter(conn, "Jon Jones")
    add_fighter(conn, "Jones Exact")
    assert names(listing(client, alice, search="JONES")) == [
        "Jon Jones",
        "Jones Exact",
        "Jonesy Partial",
        "Alan Jonesworth",
    ]
    assert names(listing(client, alice, search="jon")) == [
        "Jon Jones",
        "Jonesy Partial",
        "Alan Jonesworth",
        "Jones Exact",
    ]
