"""CORS from CORS_ORIGINS through flask-cors: preflight on every route, nothing by default."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from app import create_app
from app.config import ConfigurationError

FRONT_END = "https://app.example.com"
SAMPLES = {"IntegerConverter": 1, "UUIDConverter": "00000000-0000-4000-8000-000000000000"}
PREFLIGHT = {
    "Origin": FRONT_END,
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "Authorization, Content-Type, X-Request-ID",
}


def _api_rules(app: Flask) -> list[tuple[str, str]]:
    """One concrete URL and one method for every /api/v1 route."""
    out = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or "docs" in rule.rule:
            continue
        samples = {
            arg: SAMPLES.get(type(converter).__name__, "x")
            for arg, converter in rule._converters.items()
        }
        url = app.url_map.bind("localhost").build(rule.endpoint, samples)
        method = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})[0]
        out.append((url, method))
    return out


def test_every_route_answers_the_preflight(make_app: Callable[..., Flask]) -> None:
    app = make_app(CORS_ORIGINS=f"{FRONT_END}, https://other.example.com")
    client = app.test_client()
    rules = _api_rules(app)
    assert len(rules) > 100
    for url, method in rules:
        answer = client.options(url, headers={**PREFLIGHT, "Access-Control-Request-Method": method})
        assert answer.status_code == 200, (url, answer.status_code)
        assert answer.headers["Access-Control-Allow-Origin"] == FRONT_END, url
        allowed = {
            h.strip().lower() for h in answer.headers["Access-Control-Allow-Headers"].split(",")
        }
        assert allowed == {"authorization", "content-type", "x-request-id"}, url
        assert method in answer.headers["Access-Control-Allow-Methods"], url
        assert "Access-Control-Allow-Credentials" not in answer.headers


def test_actual_request_carries_the_origin_and_exposes_the_request_id(
    make_app: Callable[..., Flask],
) -> None:
    client = make_app(CORS_ORIGINS=FRONT_END).test_client()
    answer = client.get("/health", headers={"Origin": FRONT_END})
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == FRONT_END
    assert "X-Request-ID" in answer.headers["Access-Control-Expose-Headers"]
    # An unauthenticated call is still a 401 in the envelope, now readable by the front end.
    denied = client.get("/api/v1/auth/me", headers={"Origin": FRONT_END})
    assert denied.status_code == 401
    assert denied.headers["Access-Control-Allow-Origin"] == FRONT_END


def test_an_origin_not_listed_gets_no_cors_headers(make_app: Callable[..., Flask]) -> None:
    client = make_app(CORS_ORIGINS=FRONT_END).test_client()
    answer = client.options(
        "/api/v1/auth/login", headers={**PREFLIGHT, "Origin": "https://evil.example.com"}
    )
    assert "Access-Control-Allow-Origin" not in answer.headers


def test_no_origins_by_default(make_app: Callable[..., Flask]) -> None:
    client = make_app().test_client()
    answer = client.options("/api/v1/auth/login", headers=PREFLIGHT)
    assert "Access-Control-Allow-Origin" not in answer.headers
    assert (
        "Access-Control-Allow-Origin"
        not in client.get("/health", headers={"Origin": FRONT_END}).headers
    )


def test_credentials_echo_the_origin(make_app: Callable[..., Flask]) -> None:
    client = make_app(CORS_ORIGINS=FRONT_END, CORS_ALLOW_CREDENTIALS="true").test_client()
    answer = client.options("/api/v1/auth/login", headers=PREFLIGHT)
    assert answer.headers["Access-Control-Allow-Origin"] == FRONT_END
    assert answer.headers["Access-Control-Allow-Credentials"] == "true"


def test_wildcard_with_credentials_is_refused(app_env: dict[str, str]) -> None:
    with pytest.raises(ConfigurationError, match="CORS_ORIGINS"):
        create_app({**app_env, "CORS_ORIGINS": "*", "CORS_ALLOW_CREDENTIALS": "true"})


def test_wildcard_without_credentials_allows_any_origin(make_app: Callable[..., Flask]) -> None:
    client = make_app(CORS_ORIGINS="*").test_client()
    anyone = {**PREFLIGHT, "Origin": "https://anyone.example.net"}
    answer = client.options("/api/v1/auth/login", headers=anyone)
    # flask-cors echoes the origin (with Vary: Origin) rather than answering a literal `*`.
    assert answer.headers["Access-Control-Allow-Origin"] == "https://anyone.example.net"
    assert "Origin" in answer.headers["Vary"]
