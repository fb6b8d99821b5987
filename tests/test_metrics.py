"""GET /metrics: Prometheus text behind METRICS_TOKEN, counted across gunicorn's workers."""

from __future__ import annotations

import json
import logging

from gunicorn.config import Config
from prometheus_client.parser import text_string_to_metric_families

from app.gunicorn_logging import JsonLogger
from tests.helpers import TEST_PASSWORD, assert_error
from tests.live import call, live_server

TOKEN = "scrape-me"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def samples(text: str) -> dict[tuple[str, frozenset], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(scrape: dict, name: str, **labels: str) -> float:
    return scrape.get((name, frozenset(labels.items())), 0.0)


def scrape(client) -> dict:
    response = client.get("/metrics", headers=BEARER)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/plain"
    return samples(response.get_data(as_text=True))


def test_metrics_are_off_without_a_token_and_need_it(make_app):
    assert_error(make_app().test_client().get("/metrics"), 404)
    client = make_app(METRICS_TOKEN=TOKEN).test_client()
    assert_error(client.get("/metrics"), 401)
    assert_error(client.get("/metrics", headers={"Authorization": "Bearer wrong"}), 401)
    assert client.get("/metrics", headers=BEARER).status_code == 200


def test_requests_are_counted_by_route_template_method_and_status(make_app, alice):
    client = make_app(METRICS_TOKEN=TOKEN).test_client()
    before = scrape(client)
    for _ in range(3):
        assert client.get("/api/v1/auth/me", headers=alice.headers).status_code == 200
    assert client.get("/api/v1/auth/me").status_code == 401
    assert client.get("/api/v1/no/such/route").status_code == 404
    assert client.get("/api/v1/another/invented/path").status_code == 404
    assert client.open("/api/v1/auth/me", method="BREW").status_code == 405
    after = scrape(client)

    def grew(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    me = {"route": "/api/v1/auth/me", "method": "GET"}
    assert grew("storage_http_requests_total", status="200", **me) == 3
    assert grew("storage_http_requests_total", status="401", **me) == 1
    assert grew("storage_http_request_duration_seconds_count", **me) == 4  # every status
    assert grew("storage_http_request_duration_seconds_sum", **me) > 0
    # Invented paths and methods share one label value each: no series per attempt.
    assert grew("storage_http_requests_total", route="unmatched", method="GET", status="404") == 2
    assert grew("storage_http_requests_total", status="405", route="unmatched", method="other") == 1
    assert value(after, "storage_db_pool_size", pool="main:aiapp") >= 1
    assert value(after, "storage_db_pool_max", pool="main:aiapp") == 10


def test_login_failures_and_429s_are_counted(make_app, alice):
    client = make_app(METRICS_TOKEN=TOKEN, LOGIN_MAX_FAILURES_PER_EMAIL="2").test_client()
    before = scrape(client)
    wrong = {"email": alice.email, "password": "not " + TEST_PASSWORD}
    statuses = [client.post("/api/v1/auth/login", json=wrong).status_code for _ in range(3)]
    assert statuses == [401, 401, 429]
    after = scrape(client)
    assert value(after, "storage_login_failures_total") - value(
        before, "storage_login_failures_total"
    ) == (2)
    assert value(after, "storage_rate_limited_total") - value(
        before, "storage_rate_limited_total"
    ) == (1)


def test_an_exhausted_pool_is_counted_as_a_database_error(make_app, alice):
    app = make_app(METRICS_TOKEN=TOKEN, DB_POOL_SIZE="1", DB_MAX_OVERFLOW="0", DB_POOL_TIMEOUT="1")
    client = app.test_client()
    before = scrape(client)
    pool = app.extensions["db"].pool("main")
    held = pool.getconn()
    try:
        assert client.get("/api/v1/auth/me", headers=alice.headers).status_code == 503
        # /metrics itself needs no connection, so it answers while the pool is exhausted.
        during = scrape(client)
    finally:
        pool.putconn(held)
    timeouts = {"error_class": "PoolTimeout"}
    assert value(during, "storage_database_errors_total", **timeouts) - value(
        before, "storage_database_errors_total", **timeouts
    ) == (1)
    assert value(during, "storage_db_pool_in_use", pool="main:aiapp") == 1
    assert (
        value(during, "storage_db_pool_errors_total", pool="main:aiapp", kind="checkout_timeout")
        >= 1
    )


def test_all_gunicorn_workers_are_counted(app_env, tmp_path):
    folder = tmp_path / "prometheus"
    folder.mkdir()
    env = {
        **app_env,
        "METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(folder),
        "WEB_CONCURRENCY": "2",
    }
    with live_server(env, tmp_path / "gunicorn.log") as base:

        def health_count() -> float:
            status, _, body = call(base, "GET", "/metrics", headers=BEARER)
            assert status == 200
            scraped = samples(body.decode())
            return value(
                scraped, "storage_http_requests_total", route="/health", method="GET", status="200"
            )

        before = health_count()
        for _ in range(40):
            assert call(base, "GET", "/health")[0] == 200
        assert health_count() - before == 40
    # Each worker wrote its own file; the scrape added them up.
    writers = {path.stem.rsplit("_", 1)[-1] for path in folder.glob("counter_*.db")}
    assert len(writers) == 2


def test_gunicorn_log_lines_are_json(capsys):
    logger = JsonLogger(Config())
    logger.error("Worker (pid:%s) was sent SIGKILL!", 1234)
    logger.info("Booting worker with pid: %s", 99)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [(line["level"], line["message"]) for line in lines] == [
        ("error", "Worker (pid:1234) was sent SIGKILL!"),
        ("info", "Booting worker with pid: 99"),
    ]
    assert all(line["logger"] == "gunicorn.error" for line in lines)
    logging.getLogger("gunicorn.error").handlers.clear()
