"""Per-database URLs (BLOOD_DB_URL, ...): another route to the main database works, another
database is refused with a ConfigurationError naming the variable, at start-up and on first use."""

import pytest

from app.config import ConfigurationError
from app.db import served_databases
from tests.helpers import assert_error, log_lines


def test_another_route_to_the_main_database_serves_its_routes(make_app, app_database_url, alice):
    # The same server and database, reached by a URL that differs (as a pooler's would).
    blood_url = f"{app_database_url}&application_name=blood-route"
    app = make_app(BLOOD_DB_URL=blood_url)
    app.extensions["db"].open_pools(served_databases(app))
    answer = app.test_client().get("/api/v1/blood/tests", headers=alice.headers)
    assert answer.status_code == 200, answer.get_json()
    assert any("blood-route" in url for url, _schema in app.extensions["db"].pools())


def test_an_override_on_another_database_is_refused_at_start_up(make_app, pg_server, alice, capsys):
    other = pg_server.url("postgres", "storage_app")
    app = make_app(fresh=True, UFC_DB_URL=other)
    with pytest.raises(ConfigurationError) as refused:
        app.extensions["db"].open_pools(served_databases(app))
    message = str(refused.value)
    assert "UFC_DB_URL" in message
    assert "'postgres'" in message
    assert "aiapp.users" in message
    # A request to a route on that database is a 503 that names no database; the log says why.
    answer = app.test_client().get("/api/v1/ufc/fighters", headers=alice.headers)
    assert_error(answer, 503)
    assert "postgres" not in answer.get_data(as_text=True)
    logged = [line["message"] for line in log_lines(capsys.readouterr().out)]
    assert any("configuration error: UFC_DB_URL reaches" in line for line in logged), logged
    # Domains on the main database still serve.
    assert app.test_client().get("/api/v1/auth/me", headers=alice.headers).status_code == 200
