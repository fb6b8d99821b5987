"""/health and /ready, including a database that goes away and comes back."""

import time

from tests.helpers import assert_error


def test_health_needs_no_database(make_app):
    response = make_app(DATABASE_URL="").test_client().get("/health")
    assert response.status_code == 200
    assert response.json["data"] == {"status": "ok"}


def test_ready_checks_schemas_and_migrations(client):
    response = client.get("/ready")
    assert response.status_code == 200, response.json
    checks = response.json["data"]["checks"]
    served = {
        "main:aiapp",
        "garmin:aiapp_nonprod",
        "blood:blood",
        "ufc:ufc",
        "habits:habits",
        "clinical:clinical",
        "migrations",
    }
    assert set(checks) == served
    assert set(checks.values()) == {"ok"}


def test_ready_is_503_with_a_pending_migration(client, conn):
    conn.execute("DELETE FROM yoyo._yoyo_migration WHERE migration_id = '0002.users'")
    response = client.get("/ready")
    body = assert_error(response, 503)
    assert body["data"]["errors"]["checks"]["migrations"] == "pending: 0002.users"


def test_ready_is_503_without_a_database(make_app):
    response = make_app(DATABASE_URL="").test_client().get("/ready")
    assert_error(response, 503)


def test_ready_follows_the_database_down_and_back_up(client, alice, pg_server):
    assert client.get("/ready").status_code == 200
    pg_server.server.stop()
    try:
        body = assert_error(client.get("/ready"), 503)
        checks = body["data"]["errors"]["checks"]
        assert checks["main:aiapp"].startswith("failed")
        assert checks["migrations"].startswith("failed")
        assert_error(client.get("/api/v1/auth/me", headers=alice.headers), 503)
    finally:
        pg_server.server.start()
    deadline = time.monotonic() + 60
    # Direct connections answer at once; a pooler in between retries its login within a second.
    while client.get("/ready").status_code != 200:
        assert time.monotonic() < deadline, "/ready did not recover after the database returned"
        time.sleep(0.5)
    while client.get("/api/v1/auth/me", headers=alice.headers).status_code != 200:
        assert time.monotonic() < deadline, "the app did not recover after the database returned"
        time.sleep(0.5)
