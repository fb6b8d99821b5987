"""Settings from the environment, and the URL and schema of each database the app connects to.

Three names never stand for one another: a *database* (DatabaseName: which URL and pool,
"main", "garmin", "blood", ...), a *schema* (the search_path of that database's connections,
"aiapp", "aiapp_nonprod", "blood", ...), and a blueprint's own name ("training", "chat_groups").

Nothing here connects or raises at import: a database whose URL cannot be built raises
ConfigurationError, naming the variables to set, the first time that database is used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args
from urllib.parse import quote, urlencode

# The databases a blueprint or a query module may name: a typo is a type error, and a start-up
# error where a blueprint or query module is made (database_name()).
DatabaseName = Literal["main", "garmin", "blood", "ufc", "habits", "clinical"]
DATABASE_NAMES: tuple[DatabaseName, ...] = get_args(DatabaseName)
# The variable that overrides each database's URL (deployments set these names) ...
DATABASE_URL_VARIABLES: dict[DatabaseName, str] = {
    "main": "MAIN_DB_URL",
    "garmin": "GARMIN_DB_URL",
    "blood": "BLOOD_DB_URL",
    "ufc": "UFC_DB_URL",
    "habits": "HABITS_DB_URL",
    "clinical": "CLINICAL_DB_URL",
}
# ... and the schema its connections use; garmin's follows APP_ENV or GARMIN_SCHEMA (schema_of).
DATABASE_SCHEMAS: dict[DatabaseName, str] = {
    "main": "aiapp",
    "blood": "blood",
    "ufc": "ufc",
    "habits": "habits",
    "clinical": "clinical",
}
PRODUCTION_ENVS = frozenset({"production", "prod"})


class ConfigurationError(RuntimeError):
    """A setting the service needs is missing or malformed."""


def database_name(name: str) -> DatabaseName:
    """`name` as a DatabaseName, or ConfigurationError listing the names there are."""
    if name not in DATABASE_NAMES:
        raise ConfigurationError(f"unknown database {name!r}: one of {', '.join(DATABASE_NAMES)}")
    return name  # type: ignore[return-value]


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, got {raw!r}") from exc


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, got {raw!r}")


def _first(env: Mapping[str, str], *names: str) -> str | None:
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return value
    return None


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment, parsed once."""

    env: Mapping[str, str] = field(repr=False)
    app_env: str
    pool_size: int
    max_overflow: int
    pool_recycle: int
    pool_timeout: float
    db_echo: bool
    db_pooler: str
    statement_timeout_ms: int
    max_content_length: int
    body_grace_seconds: float
    body_min_rate: int
    token_ttl_seconds: int
    bcrypt_rounds: int
    allow_registration: bool
    login_max_failures_per_email: int
    login_max_failures_per_address: int
    login_failure_window_seconds: int

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        pooler = env.get("DB_POOLER", "session").strip().lower() or "session"
        if pooler not in {"session", "transaction"}:
            raise ConfigurationError(f"DB_POOLER must be session or transaction, got {pooler!r}")
        return cls(
            env=env,
            app_env=env.get("APP_ENV", "development").strip().lower() or "development",
            pool_size=_int(env, "DB_POOL_SIZE", 2),
            max_overflow=_int(env, "DB_MAX_OVERFLOW", 8),
            pool_recycle=_int(env, "DB_POOL_RECYCLE", 1800),
            pool_timeout=float(_int(env, "DB_POOL_TIMEOUT", 5)),
            db_echo=_bool(env, "DB_ECHO", False),
            db_pooler=pooler,
            statement_timeout_ms=_int(env, "DB_STATEMENT_TIMEOUT_MS", 10_000),
            max_content_length=_int(env, "MAX_CONTENT_LENGTH", 10 * 1024 * 1024),
            body_grace_seconds=float(_int(env, "BODY_GRACE_SECONDS", 10)),
            body_min_rate=max(1, _int(env, "BODY_MIN_RATE", 8 * 1024)),
            token_ttl_seconds=_int(env, "TOKEN_TTL_SECONDS", 30 * 24 * 3600),
            bcrypt_rounds=_int(env, "BCRYPT_ROUNDS", 12),
            allow_registration=_bool(env, "ALLOW_REGISTRATION", True),
            login_max_failures_per_email=_int(env, "LOGIN_MAX_FAILURES_PER_EMAIL", 5),
            login_max_failures_per_address=_int(env, "LOGIN_MAX_FAILURES_PER_ADDRESS", 20),
            login_failure_window_seconds=_int(env, "LOGIN_FAILURE_WINDOW_SECONDS", 900),
        )

    @property
    def is_production(self) -> bool:
        return self.app_env in PRODUCTION_ENVS

    def schema_of(self, database: DatabaseName) -> str:
        """The schema a database's connections use as search_path."""
        if database_name(database) == "garmin":
            explicit = _first(self.env, "GARMIN_SCHEMA")
            if explicit:
                return explicit
            return "aiapp" if self.is_production else "aiapp_nonprod"
        return DATABASE_SCHEMAS[database]

    def database_url(self, database: DatabaseName) -> str:
        """The URL a database is reached by: its override, DATABASE_URL, or SUPABASE_*."""
        override = DATABASE_URL_VARIABLES[database_name(database)]
        url = _first(self.env, override, "DATABASE_URL") or self._supabase_url()
        if url is None:
            raise ConfigurationError(
                f"no URL configured for the {database} database: set {override}, "
                "DATABASE_URL, or SUPABASE_DB_HOST (or SUPABASE_HOST) with "
                "SUPABASE_DB_PASSWORD (or SUPABASE_DB_PASS)"
            )
        return url

    def migrations_url(self) -> str:
        """Migrations may use a direct connection (no transaction pooler) of their own."""
        return _first(self.env, "MIGRATIONS_DB_URL") or self.database_url("main")

    def configured_databases(self) -> list[DatabaseName]:
        """Databases whose URL can be built now (what /ready checks)."""
        databases = []
        for database in DATABASE_NAMES:
            try:
                self.database_url(database)
            except ConfigurationError:
                continue
            databases.append(database)
        return databases

    def _supabase_url(self) -> str | None:
        host = _first(self.env, "SUPABASE_DB_HOST", "SUPABASE_HOST")
        if host is None:
            return None
        password = _first(self.env, "SUPABASE_DB_PASSWORD", "SUPABASE_DB_PASS")
        if password is None:
            raise ConfigurationError(
                "SUPABASE_DB_HOST is set but SUPABASE_DB_PASSWORD (or SUPABASE_DB_PASS) is not"
            )
        user = _first(self.env, "SUPABASE_DB_USER") or "postgres"
        port = _int(self.env, "SUPABASE_DB_PORT", 5432)
        name = _first(self.env, "SUPABASE_DB_NAME") or "postgres"
        cert = _first(self.env, "SUPABASE_SSL_CERT_PATH")
        params = {"sslmode": "verify-full", "sslrootcert": cert} if cert else {"sslmode": "require"}
        return (
            f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}"
            f"@{host}:{port}/{quote(name, safe='')}?{urlencode(params)}"
        )
