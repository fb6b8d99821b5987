"""Settings: URL building per database, Supabase variables, and errors on first use."""

from urllib.parse import parse_qs, urlsplit

import pytest

from app.config import DATABASE_NAMES, ConfigurationError, Settings, database_name
from tests.helpers import assert_error


def test_database_url_serves_every_database():
    settings = Settings.from_env({"DATABASE_URL": "postgresql://u:p@db:5432/app"})
    assert DATABASE_NAMES == ("main", "garmin", "blood", "ufc", "habits", "clinical")
    for database in DATABASE_NAMES:
        assert settings.database_url(database) == "postgresql://u:p@db:5432/app"


def test_an_unknown_database_name_is_a_configuration_error():
    settings = Settings.from_env({"DATABASE_URL": "postgresql://u:p@db:5432/app"})
    for ask in (settings.database_url, settings.schema_of, database_name):
        with pytest.raises(ConfigurationError, match="unknown database 'habit': one of main, "):
            ask("habit")  # type: ignore[arg-type]


def test_database_override_wins_over_database_url():
    settings = Settings.from_env(
        {"DATABASE_URL": "postgresql://shared/app", "BLOOD_DB_URL": "postgresql://blood/db"}
    )
    assert settings.database_url("blood") == "postgresql://blood/db"
    assert settings.database_url("ufc") == "postgresql://shared/app"


def test_supabase_variables_build_a_tls_url():
    settings = Settings.from_env(
        {
            "SUPABASE_DB_HOST": "db.example.supabase.co",
            "SUPABASE_DB_PASS": "p@ss/word",
            "SUPABASE_DB_USER": "postgres.ref",
            "SUPABASE_DB_PORT": "6543",
        }
    )
    url = urlsplit(settings.database_url("main"))
    assert url.hostname == "db.example.supabase.co"
    assert url.port == 6543
    assert url.username == "postgres.ref"
    assert url.password == "p%40ss%2Fword"  # quoted, so the URL still parses
    assert url.path == "/postgres"
    assert parse_qs(url.query) == {"sslmode": ["require"]}


def test_supabase_certificate_turns_on_full_verification():
    settings = Settings.from_env(
        {
            "SUPABASE_HOST": "db.example.supabase.co",
            "SUPABASE_DB_PASSWORD": "secret",
            "SUPABASE_DB_NAME": "app",
            "SUPABASE_SSL_CERT_PATH": "/etc/ssl/supabase.crt",
        }
    )
    url = urlsplit(settings.database_url("garmin"))
    assert url.path == "/app"
    assert parse_qs(url.query) == {
        "sslmode": ["verify-full"],
        "sslrootcert": ["/etc/ssl/supabase.crt"],
    }


def test_missing_database_names_the_variables_on_first_use():
    settings = Settings.from_env({})  # building settings never raises for a missing URL
    with pytest.raises(ConfigurationError) as raised:
        settings.database_url("ufc")
    for variable in ("UFC_DB_URL", "DATABASE_URL", "SUPABASE_DB_HOST", "SUPABASE_DB_PASSWORD"):
        assert variable in str(raised.value)
    assert settings.configured_databases() == []


def test_supabase_host_without_password_is_an_error():
    settings = Settings.from_env({"SUPABASE_DB_HOST": "db.example.supabase.co"})
    with pytest.raises(ConfigurationError, match="SUPABASE_DB_PASSWORD"):
        settings.database_url("main")


def test_migrations_may_use_their_own_url():
    base = {"DATABASE_URL": "postgresql://pooler:6543/app"}
    assert Settings.from_env(base).migrations_url() == "postgresql://pooler:6543/app"
    direct = {**base, "MIGRATIONS_DB_URL": "postgresql://direct:5432/app"}
    assert Settings.from_env(direct).migrations_url() == "postgresql://direct:5432/app"


@pytest.mark.parametrize(
    ("env", "schema"),
    [
        ({}, "aiapp_nonprod"),
        ({"APP_ENV": "production"}, "aiapp"),
        ({"APP_ENV": "production", "GARMIN_SCHEMA": "aiapp_nonprod"}, "aiapp_nonprod"),
    ],
)
def test_garmin_schema_follows_app_env(env, schema):
    assert Settings.from_env(env).schema_of("garmin") == schema
    assert Settings.from_env(env).schema_of("main") == "aiapp"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DB_POOL_SIZE", "many"), ("DB_ECHO", "perhaps"), ("DB_POOLER", "statement")],
)
def test_malformed_settings_are_rejected(variable, value):
    with pytest.raises(ConfigurationError, match=variable):
        Settings.from_env({variable: value})


def test_pool_tuning_is_read():
    settings = Settings.from_env(
        {"DB_POOL_SIZE": "3", "DB_MAX_OVERFLOW": "7", "DB_POOL_RECYCLE": "60", "DB_ECHO": "true"}
    )
    assert (settings.pool_size, settings.max_overflow, settings.pool_recycle) == (3, 7, 60)
    assert settings.db_echo is True


def test_app_starts_without_a_database_and_answers_503_when_one_is_needed(make_app):
    app = make_app(DATABASE_URL="")
    client = app.test_client()
    assert client.get("/health").status_code == 200
    response = client.post(
        "/api/v1/auth/login", json={"email": "a@example.com", "password": "whatever1"}
    )
    body = assert_error(response, 503)
    assert "configured" in body["message"]
