"""A real PgBouncer in transaction mode between the app and the test server.

`TEST_PGBOUNCER=1 make test` (what .ci/run does after the plain run) starts Debian's
`pgbouncer` beside the session's PostgreSQL and points the app at it with
`DB_POOLER=transaction`, as on a managed host's pooler (Supabase's port 6543); migrations and
the tests' own assertions keep a direct connection. Like PostgreSQL, PgBouncer will not run as
root: it runs as the server's unprivileged account then.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import psycopg

from app.localdb import APP_ROLE, SUPERUSER, LocalPostgres

ENABLED = os.environ.get("TEST_PGBOUNCER", "").lower() in {"1", "true", "yes"}
PORT = 6432


def executable() -> str:
    found = shutil.which("pgbouncer") or (
        "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None
    )
    if found is None:
        raise RuntimeError("TEST_PGBOUNCER is set but pgbouncer is not installed")
    return found


class PgBouncer:
    """One pgbouncer process whose socket and config live in `folder`."""

    def __init__(self, folder: Path, server: LocalPostgres) -> None:
        self.folder = folder
        self.server = server
        self.process: subprocess.Popen | None = None

    def url(self, dbname: str, user: str = APP_ROLE) -> str:
        return f"postgresql://{user}@/{dbname}?host={self.folder}&port={PORT}"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "users.txt").write_text(f'"{APP_ROLE}" ""\n"{SUPERUSER}" ""\n')
        (self.folder / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"* = host={self.server.host} port={self.server.port}\n"
            "[pgbouncer]\n"
            "listen_addr =\n"
            f"listen_port = {PORT}\n"
            f"unix_socket_dir = {self.folder}\n"
            "auth_type = trust\n"
            f"auth_file = {self.folder / 'users.txt'}\n"
            "pool_mode = transaction\n"
            "max_client_conn = 1000\n"
            "default_pool_size = 20\n"
            # Test databases come and go: don't keep idle server connections to them long.
            "server_idle_timeout = 5\n"
            # After a server restart, try again within a second, not the default 15.
            "server_login_retry = 1\n"
            f"logfile = {self.folder / 'pgbouncer.log'}\n"
        )
        account = self.server.account
        kwargs = {}
        if account is not None:
            for path in (self.folder, *self.folder.iterdir()):
                shutil.chown(path, account.pw_uid, account.pw_gid)
            kwargs = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
        self.process = subprocess.Popen(
            [executable(), str(self.folder / "pgbouncer.ini")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            **kwargs,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                with psycopg.connect(self.url("postgres", SUPERUSER), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    log = self.folder / "pgbouncer.log"
                    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                    raise RuntimeError(f"pgbouncer did not start:\n{tail}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
