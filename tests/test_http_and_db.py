"""The envelope for every status, request ids and JSON logs, and the request's transaction."""

import json

import pytest
from flask import jsonify

from app import db
from app.auth import queries
from app.http import ApiBlueprint, ApiError
from tests.helpers import assert_error, log_lines


def add_probe_routes(app):
    """Routes that exist only in tests, to drive the mechanisms every blueprint relies on.
    `app` must be fresh (make_app(fresh=True)): routes cannot be added after a request."""
    probe = ApiBlueprint("probe", __name__, database="main", url_prefix="/probe")

    def new_user(email):
        db.set_row_security(bypass="probe")  # users are written before anyone is known
        return queries.insert_user(
            email=email,
            password_hash="$2b$04$" + "x" * 53,
            username=None,
            display_name=None,
            role="user",
            language=None,
            photo_url=None,
        )

    @probe.route("/two-users-then-duplicate", methods=["POST"])
    def two_users_then_duplicate():
        new_user("first@example.com")
        new_user("second@example.com")
        new_user("FIRST@example.com")  # unique violation: the whole request must roll back
        return jsonify(done=True)

    @probe.route("/user-then-crash", methods=["POST"])
    def user_then_crash():
        new_user("crash@example.com")
        raise RuntimeError("secret internals")

    @probe.route("/user-then-refuse", methods=["POST"])
    def user_then_refuse():
        new_user("refused@example.com")
        raise ApiError(409, "refused after writing")

    @probe.route("/session/<database>")
    def session(database):
        settings = db.connection(database).execute(
            "SELECT current_schema() AS schema, current_setting('statement_timeout') AS timeout"
        )
        return jsonify(settings.fetchone())

    app.register_blueprint(probe)
    return app.test_client()


def user_count(conn):
    return conn.execute("SELECT count(*) AS n FROM aiapp.users").fetchone()["n"]


def test_a_failed_multi_step_write_leaves_nothing(make_app, conn):
    client = add_probe_routes(make_app(fresh=True))
    assert_error(client.post("/probe/two-users-then-duplicate"), 409)
    assert_error(client.post("/probe/user-then-refuse"), 409)
    assert user_count(conn) == 0


def test_an_unexpected_error_is_a_500_envelope_without_internals(make_app, conn, capsys):
    client = add_probe_routes(make_app(fresh=True, LOG_LEVEL="INFO"))
    response = client.post("/probe/user-then-crash", headers={"X-Request-ID": "trace-500"})
    body = assert_error(response, 500)
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Traceback" not in body["message"]
    assert user_count(conn) == 0
    logged = [line for line in log_lines(capsys.readouterr().out) if line["level"] == "error"]
    assert logged
    assert logged[0]["request_id"] == "trace-500"
    assert "secret internals" in logged[0]["exception"]


@pytest.mark.parametrize(
    ("database", "schema"),
    [("main", "aiapp"), ("garmin", "aiapp_nonprod"), ("blood", "blood"), ("ufc", "ufc")],
)
def test_each_database_pool_sets_its_search_path(make_app, database, schema):
    client = add_probe_routes(make_app(fresh=True))
    assert client.get(f"/probe/session/{database}").json == {"schema": schema, "timeout": "10s"}


def test_transaction_pooler_mode_sets_search_path_per_transaction(make_app):
    client = add_probe_routes(
        make_app(fresh=True, DB_POOLER="transaction", DB_STATEMENT_TIMEOUT_MS="2500")
    )
    assert client.get("/probe/session/blood").json == {"schema": "blood", "timeout": "2500ms"}
    assert client.get("/probe/session/main").json == {"schema": "aiapp", "timeout": "2500ms"}


def test_production_points_garmin_at_aiapp(make_app):
    client = add_probe_routes(make_app(fresh=True, APP_ENV="production"))
    assert client.get("/probe/session/garmin").json["schema"] == "aiapp"


def test_statement_timeout_is_configurable(make_app):
    client = add_probe_routes(make_app(fresh=True, DB_STATEMENT_TIMEOUT_MS="1500"))
    assert client.get("/probe/session/main").json["timeout"] == "1500ms"


def test_a_busy_pool_gives_503_with_retry_after(make_app, alice):
    app = make_app(DB_POOL_SIZE="1", DB_MAX_OVERFLOW="0", DB_POOL_TIMEOUT="1")
    pool = app.extensions["db"].pool("main")
    held = pool.getconn()
    try:
        response = app.test_client().get("/api/v1/auth/me", headers=alice.headers)
    finally:
        pool.putconn(held)
    assert_error(response, 503)
    assert response.headers["Retry-After"] == "5"
    again = app.test_client().get("/api/v1/auth/me", headers=alice.headers)
    assert again.status_code == 200


def test_connections_go_back_to_the_pool_after_errors(make_app, alice):
    app = make_app(fresh=True, DB_POOL_SIZE="1", DB_MAX_OVERFLOW="0", DB_POOL_TIMEOUT="1")
    client = add_probe_routes(app)
    for _ in range(3):
        assert_error(client.post("/probe/two-users-then-duplicate"), 409)
        assert_error(client.post("/probe/user-then-crash"), 500)
    assert client.get("/api/v1/auth/me", headers=alice.headers).status_code == 200
    assert app.extensions["db"].pool("main").get_stats()["pool_size"] == 1


def test_unknown_route_is_404_envelope(client):
    assert_error(client.get("/api/v1/nothing-here"), 404)


def test_wrong_method_is_405_envelope_with_allow(client):
    response = client.get("/api/v1/auth/login")
    assert_error(response, 405)
    assert "POST" in response.headers["Allow"]


def test_malformed_json_is_400(client):
    response = client.post("/api/v1/auth/login", data="{not json", content_type="application/json")
    assert_error(response, 400)


def test_non_json_body_is_415(client):
    response = client.post("/api/v1/auth/login", data="email=a", content_type="text/plain")
    assert_error(response, 415)


def test_body_over_the_limit_is_413(make_app):
    client = make_app(MAX_CONTENT_LENGTH="200").test_client()
    response = client.post(
        "/api/v1/auth/register",
        data=json.dumps({"email": "a@example.com", "password": "p" * 300}),
        content_type="application/json",
    )
    assert_error(response, 413)


def test_request_id_is_echoed_or_generated(client, make_app, capsys):
    client = make_app(fresh=True, LOG_LEVEL="INFO").test_client()
    echoed = client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert echoed.headers["X-Request-ID"] == "abc-123"
    generated = client.get("/health", headers={"X-Request-ID": "bad id with spaces"})
    assert generated.headers["X-Request-ID"] not in ("", "bad id with spaces")
    lines = [line for line in log_lines(capsys.readouterr().out) if line["logger"] == "app.access"]
    assert [line["request_id"] for line in lines] == ["abc-123", generated.headers["X-Request-ID"]]
    assert (lines[0]["status"], lines[0]["path"]) == (200, "/health")
