"""Unknown query parameters are refused like unknown body fields: 400 naming each of them."""

from __future__ import annotations

from flask import Flask

from tests.helpers import assert_error

SAMPLES = {"IntegerConverter": 1, "UUIDConverter": "00000000-0000-4000-8000-000000000000"}


def _get_routes(app: Flask) -> list[str]:
    urls = []
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or set()) or not rule.rule.startswith(("/api/", "/health")):
            continue
        if "/docs" in rule.rule:
            continue
        if rule.rule.endswith("openapi.json"):
            continue
        values = {
            arg: SAMPLES.get(type(converter).__name__, "x")
            for arg, converter in rule._converters.items()
        }
        urls.append(adapter.build(rule.endpoint, values))
    return urls


def test_every_get_route_refuses_an_unknown_parameter(app, client, admin):
    """With an admin token, so that the admin routes get as far as reading their input."""
    urls = _get_routes(app)
    assert len(urls) > 50
    for url in urls:
        answer = client.get(url, query_string={"bogus_param": "1"}, headers=admin.headers)
        assert answer.status_code == 400, (url, answer.status_code, answer.json)
        errors = answer.json["data"]["errors"]
        assert errors.get("bogus_param") == ["Unknown field."], (url, errors)


def test_the_camel_case_spelling_of_a_known_parameter_is_still_accepted(client, alice):
    answer = client.get(
        "/api/v1/garmin/sleep",
        query_string={"startDate": "2024-01-01", "endDate": "2024-01-31"},
        headers=alice.headers,
    )
    assert answer.status_code == 200, answer.json


def test_a_misspelt_parameter_is_named_and_nothing_else_is(client, alice):
    answer = client.get(
        "/api/v1/garmin/sleep",
        query_string={"start_date": "2024-01-01", "strat_date": "2024-01-02"},
        headers=alice.headers,
    )
    assert set(assert_error(answer, 400, "strat_date")["data"]["errors"]) == {"strat_date"}


def test_a_route_without_query_schema_refuses_parameters(client, alice):
    answer = client.get("/api/v1/garmin/status?verbose=1", headers=alice.headers)
    assert_error(answer, 400, "verbose")
    assert client.get("/health").status_code == 200


def test_the_docs_pages_take_any_parameters(client):
    assert client.get("/api/v1/openapi.json?cache=1").status_code == 200
    assert client.get("/api/v1/docs?tab=2").status_code == 200
    assert client.get("/api/v1/docs/assets/swagger-ui.css?v=5").status_code == 200
