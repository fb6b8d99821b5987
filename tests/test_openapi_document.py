"""The OpenAPI document is valid OpenAPI 3 and says what the API really accepts."""

import json
import re

from openapi_spec_validator import validate

from app.openapi import main as write_openapi
from app.schemas import BIGINT_MAX


def walk(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key), value
            yield from walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, (*path, index))


def test_the_served_document_is_valid_openapi_3(client):
    spec = client.get("/api/v1/openapi.json").json
    validate(spec)  # raises on any violation of the OpenAPI 3.0 schema
    assert spec["openapi"].startswith("3.")


def test_make_openapi_writes_the_same_valid_document(client, tmp_path):
    target = tmp_path / "openapi.json"
    write_openapi(str(target))
    written = json.loads(target.read_text())
    validate(written)
    assert written["paths"].keys() == client.get("/api/v1/openapi.json").json["paths"].keys()


def test_bounds_are_json_numbers(client):
    spec = client.get("/api/v1/openapi.json").json
    bounds = [(p, v) for p, v in walk(spec) if p[-1] in {"minimum", "maximum"}]
    assert bounds
    assert all(isinstance(v, int | float) and not isinstance(v, bool) for _, v in bounds), [
        (p, v) for p, v in bounds if not isinstance(v, int | float)
    ]


def test_customer_id_is_documented_as_a_positive_user_id(client):
    spec = client.get("/api/v1/openapi.json").json
    query = [
        parameter
        for operations in spec["paths"].values()
        for operation in operations.values()
        if isinstance(operation, dict)  # a path's own "parameters" is a list
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "customer_id"
    ]
    bodies = [v for p, v in walk(spec) if len(p) >= 2 and p[-2:] == ("properties", "customer_id")]
    assert query
    assert bodies
    for documented in [parameter["schema"] for parameter in query] + bodies:
        assert documented["minimum"] == 1
        assert documented["maximum"] == BIGINT_MAX
    acting = spec["paths"]["/api/v1/chat/prompts"]["get"]["parameters"]
    (customer_id,) = [p for p in acting if p["name"] == "customer_id"]
    assert "admin" in customer_id["description"]


def test_a_body_without_required_fields_is_documented_as_optional(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["paths"]["/api/v1/auth/me"]["patch"]["requestBody"]["required"] is False
    assert spec["paths"]["/api/v1/auth/register"]["post"]["requestBody"]["required"] is True


def test_favorites_session_id_is_documented_as_sent(client, alice):
    spec = client.get("/api/v1/openapi.json").json
    schema = spec["components"]["schemas"]["FavoritesSession"]["properties"]["session_id"]
    assert "format" not in schema
    answer = client.get("/api/v1/chat/maintenance/favorites", headers=alice.headers)
    assert answer.status_code == 200, answer.json
    assert re.match(schema["pattern"], answer.json["data"]["session"]["session_id"])


def test_metrics_is_documented_with_its_own_token(client):
    spec = client.get("/api/v1/openapi.json").json
    operation = spec["paths"]["/metrics"]["get"]
    assert operation["security"] == [{"metricsToken": []}]
    assert "text/plain" in operation["responses"]["200"]["content"]
