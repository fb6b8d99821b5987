"""GET /metrics: the service's state in Prometheus text format.

Under gunicorn every worker is its own process, so the metrics live in prometheus_client's
multiprocess files: set PROMETHEUS_MULTIPROC_DIR to an empty folder before gunicorn starts
(`make run` does) and any worker's /metrics adds up all of them. Without it (tests, the Flask
dev server) the process's own registry is served.

The per-request cost is kept to a dict lookup and two writes: the counter and histogram
children of each (route template, method, status) are made once and cached.
"""

from __future__ import annotations

import hmac
import os
import time
from typing import Any

from flask import Flask, Response, current_app, g, request
from flask_smorest import Blueprint
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
# How often a busy worker copies its pools' stats into the shared gauges.
POOL_SAMPLE_SECONDS = 5.0

REQUESTS = Counter(
    "storage_http_requests_total",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "storage_http_request_duration_seconds",
    "Time from the request's start to its committed response, by route template.",
    ["route", "method"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
DATABASE_ERRORS = Counter(
    "storage_database_errors_total",
    "Database errors met while answering, by psycopg / psycopg_pool class.",
    ["error_class"],
)
LOGIN_FAILURES = Counter("storage_login_failures_total", "Failed logins (wrong email or password).")
RATE_LIMITED = Counter("storage_rate_limited_total", "Requests answered 429 Too Many Requests.")

_POOL_GAUGES = {
    key: Gauge(f"storage_db_pool_{name}", help_text, ["pool"], multiprocess_mode="livesum")
    for key, name, help_text in (
        ("pool_max", "max", "Most connections the pool may open."),
        ("pool_size", "size", "Connections open (in use or idle)."),
        ("pool_available", "available", "Idle connections ready to be borrowed."),
        ("in_use", "in_use", "Connections borrowed by requests right now."),
        ("requests_waiting", "waiting", "Requests waiting for a connection."),
    )
}
POOL_ERRORS = Counter(
    "storage_db_pool_errors_total",
    "Pool errors: requests that timed out waiting, failed connection attempts, lost connections.",
    ["pool", "kind"],
)
_POOL_ERROR_KEYS = {
    "requests_errors": "checkout_timeout",
    "connections_errors": "connect_failed",
    "connections_lost": "connection_lost",
}

# Label values come from a fixed set (route templates, these methods, status codes), so a client
# inventing paths or methods cannot grow the metrics without bound.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_children: dict[tuple[str, str, int], tuple[Any, Any]] = {}
_pool_counts: dict[tuple[str, str], int] = {}
_next_pool_sample = 0.0

blp = Blueprint("metrics", __name__, description="Prometheus metrics for the operator.")


def count_database_error(error: BaseException) -> None:
    DATABASE_ERRORS.labels(type(error).__name__).inc()


def count_login_failure() -> None:
    LOGIN_FAILURES.inc()


def _observe(response: Response) -> Response:
    global _next_pool_sample
    started = g.get("request_started")
    if started is None:
        return response
    now = time.perf_counter()
    current = request._get_current_object()  # one context lookup, not one per attribute
    rule = current.url_rule
    method = current.method if current.method in _METHODS else "other"
    key = (rule.rule if rule is not None else "unmatched", method, response.status_code)
    children = _children.get(key)
    if children is None:
        children = _children.setdefault(
            key, (REQUESTS.labels(key[0], key[1], str(key[2])), LATENCY.labels(key[0], key[1]))
        )
    children[0].inc()
    children[1].observe(now - started)
    if key[2] == 429:
        RATE_LIMITED.inc()
    if now >= _next_pool_sample:
        _next_pool_sample = now + POOL_SAMPLE_SECONDS
        sample_pools(current_app)
    return response


def sample_pools(app: Flask) -> None:
    """Copy this process's pool stats (psycopg_pool's get_stats()) into the metrics."""
    # Only the pools this process has opened: asking Database.pool() would open the rest.
    for pool in app.extensions["db"].pools().values():
        stats = pool.get_stats()
        stats["in_use"] = stats.get("pool_size", 0) - stats.get("pool_available", 0)
        for key, gauge in _POOL_GAUGES.items():
            gauge.labels(pool.name).set(stats.get(key, 0))
        for key, kind in _POOL_ERROR_KEYS.items():
            total = stats.get(key, 0)
            seen = _pool_counts.get((pool.name, key), 0)
            if total > seen:
                POOL_ERRORS.labels(pool.name, kind).inc(total - seen)
            _pool_counts[(pool.name, key)] = total


@blp.route("/metrics", methods=["GET"])
@blp.doc(
    security=[{"metricsToken": []}],
    responses={
        "200": {
            "description": "Prometheus text exposition format.",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        },
        "401": {"description": "No or wrong METRICS_TOKEN."},
        "404": {"description": "METRICS_TOKEN is not set: the endpoint is off."},
    },
)
def metrics():
    """Prometheus metrics of all workers; needs `Authorization: Bearer <METRICS_TOKEN>`."""
    from app.http import ApiError  # app.http counts database errors here: import at call time

    expected = current_app.config["SETTINGS"].env.get("METRICS_TOKEN", "")
    if not expected:
        raise ApiError(404, "Not found: metrics are off (set METRICS_TOKEN).")
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(sent.encode(), expected.encode()):
        raise ApiError(401, "Send the metrics token as a bearer token.")
    sample_pools(current_app)
    if MULTIPROCESS:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    """Call before the other modules register their hooks: Flask runs after_request hooks in
    reverse order, so this one runs last and times the response after its commit."""
    app.after_request(_observe)
