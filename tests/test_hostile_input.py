"""Input PostgreSQL cannot store, or that JSON says is something else, is refused while the
request is parsed: a 400 with a message per field, before any query, on every route."""

import json

import pytest

from app.schemas import MAX_JSON_DEPTH, load_request_json
from tests.helpers import assert_error

CHAT = "/api/v1/chat"


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def post_raw(client, path, text, headers=None):
    return client.post(path, data=text, content_type="application/json", headers=headers or {})


def test_json_nested_deeper_than_the_limit_is_400_without_an_account(client, conn):
    for depth in (MAX_JSON_DEPTH + 1, 10_000, 100_000):
        body = assert_error(post_raw(client, "/api/v1/auth/register", nested(depth)), 400)
        assert f"deeper than {MAX_JSON_DEPTH}" in body["message"]
    assert conn.execute("SELECT count(*) AS n FROM aiapp.users").fetchone()["n"] == 0


def test_json_at_the_limit_is_parsed(client):
    body = assert_error(post_raw(client, "/api/v1/auth/register", nested(MAX_JSON_DEPTH)), 400)
    assert "deeper" not in body["message"]  # refused by the schema, not by the parser
    assert load_request_json(nested(MAX_JSON_DEPTH)) is not None


def test_deep_json_is_refused_on_routes_that_read_the_body_themselves(client, alice):
    # Garmin ingest reads request.get_json() itself, and the auth guard peeks at customer_id.
    deep = '{"items": ' + nested(MAX_JSON_DEPTH + 5) + "}"
    response = post_raw(client, "/api/v1/garmin/sleep", deep, alice.headers)
    assert f"deeper than {MAX_JSON_DEPTH}" in assert_error(response, 400)["message"]


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\u0000", "a\\u0000b"])
def test_lone_surrogates_and_nul_are_refused_per_field(client, conn, escape):
    text = '{"email": "ann' + escape + '@example.com", "password": "a long password"}'
    body = assert_error(post_raw(client, "/api/v1/auth/register", text), 400, "email")
    assert "password" not in body["data"]["errors"]
    assert conn.execute("SELECT count(*) AS n FROM aiapp.users").fetchone()["n"] == 0


def test_nested_bad_text_is_reported_at_its_path(client, alice, conn):
    text = json.dumps(
        {
            "customer_id": alice.customer_id,
            "items": [
                {"calendar_date": "2026-01-01", "sleep_score_feedback": "fine"},
                {"calendar_date": "2026-01-02", "sleep_score_feedback": "bad\udc00"},
            ],
        }
    )
    response = post_raw(client, "/api/v1/garmin/sleep", text, alice.headers)
    errors = assert_error(response, 400)["data"]["errors"]
    assert errors == {
        "items": {"1": {"sleep_score_feedback": [errors["items"]["1"]["sleep_score_feedback"][0]]}}
    }
    assert conn.execute("SELECT count(*) AS n FROM aiapp_nonprod.sleep_data").fetchone()["n"] == 0


def test_nul_in_a_chat_message_stores_nothing(client, alice, conn):
    payload = {
        "customer_id": alice.customer_id,
        "user_message": {"message": "hello\x00world", "sender": "User"},
    }
    response = client.post(f"{CHAT}/messages", headers=alice.headers, json=payload)
    errors = assert_error(response, 400)["data"]["errors"]
    assert errors["user_message"]["message"]
    assert conn.execute("SELECT count(*) AS n FROM aiapp.chat_messages").fetchone()["n"] == 0


def test_nul_in_a_query_string_is_400_per_field(client):
    response = client.get("/api/v1/auth/user-exists?email=ann%00@example.com")
    assert_error(response, 400, "email")


def test_nul_in_a_path_segment_is_400(client, admin):
    response = client.get("/api/v1/ufc/users/ann%00@example.com", headers=admin.headers)
    assert_error(response, 400, "email")


@pytest.mark.parametrize("value", ["9223372036854775808", "-9223372036854775809", "1" + "0" * 40])
def test_integers_beyond_bigint_in_a_query_are_400_per_field(client, alice, value):
    response = client.get(f"/api/v1/garmin/sleep?offset={value}", headers=alice.headers)
    assert "bigint" not in assert_error(response, 400, "offset")["message"]


def test_integers_beyond_bigint_in_a_body_and_a_path_are_400(client, alice):
    body = f'{{"customer_id": {alice.customer_id}, "offset": 9223372036854775808}}'
    response = post_raw(client, f"{CHAT}/sessions/list", body, alice.headers)
    assert_error(response, 400, "offset")
    # A float that marshmallow would turn into a huge integer is refused too.
    body = f'{{"customer_id": {alice.customer_id}, "offset": 1e30}}'
    assert_error(post_raw(client, f"{CHAT}/sessions/list", body, alice.headers), 400, "offset")
    path = f"/api/v1/garmin/activity/{2**63}"
    assert_error(client.get(path, headers=alice.headers), 400, "activity_id")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_json_constants_are_malformed_json(client, constant):
    text = f'{{"email": "ann@example.com", "password": {constant}}}'
    assert_error(post_raw(client, "/api/v1/auth/register", text), 400)


def test_infinite_floats_are_refused(client, alice):
    text = '{"items": [{"calendar_date": "2026-01-01", "avg_sleep_stress": 1e999}]}'
    response = post_raw(client, "/api/v1/garmin/sleep", text, alice.headers)
    assert_error(response, 400)["data"]["errors"]["items"]["0"]["avg_sleep_stress"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("offset", 2.5), ("offset", "3"), ("include_messages", 1), ("include_messages", "yes")],
)
def test_a_body_value_of_the_wrong_json_type_is_400(client, alice, field, value):
    payload = {"customer_id": alice.customer_id, field: value}
    response = client.post(f"{CHAT}/sessions/list", headers=alice.headers, json=payload)
    assert_error(response, 400, field)


def test_the_same_values_as_strings_are_fine_in_a_query(client, alice):
    response = client.get(f"{CHAT}/prompts?customer_id={alice.customer_id}", headers=alice.headers)
    assert response.status_code == 200
    listed = client.get("/api/v1/garmin/sleep?offset=3&limit=2", headers=alice.headers)
    assert listed.status_code == 200, listed.json


def test_integral_floats_are_whole_numbers(client, alice):
    payload = {"customer_id": alice.customer_id, "offset": 0.0, "limit": 5.0}
    response = client.post(f"{CHAT}/sessions/list", headers=alice.headers, json=payload)
    assert response.status_code == 200, response.json
    assert response.json["meta"]["limit"] == 5


def test_malformed_json_answer_has_no_decoder_text(client, alice):
    response = post_raw(client, "/api/v1/garmin/sleep", '{"items": [', alice.headers)
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Expecting" not in text
    assert "line 1" not in text
