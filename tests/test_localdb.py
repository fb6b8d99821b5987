"""The local server never runs as root, and runs the binaries it was given."""

import os
import pwd
import subprocess

from app.localdb import SERVER_ACCOUNT


def test_server_runs_unprivileged(pg_server, conn):
    owner = (pg_server.server.data_dir / "postmaster.pid").stat().st_uid
    if os.geteuid() == 0:
        assert owner == pwd.getpwnam(SERVER_ACCOUNT).pw_uid
    else:
        assert owner == os.geteuid()
    assert owner != 0


def test_server_runs_the_binaries_it_was_given(pg_server, conn):
    """PG_BIN_DIR=/usr/lib/postgresql/15/bin make test really tests on 15."""
    printed = subprocess.run(
        [str(pg_server.server.bin_dir / "postgres"), "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    binaries_major = printed.split()[-1].split(".")[0]
    server_major = conn.execute("SHOW server_version").fetchone()["server_version"].split(".")[0]
    assert server_major == binaries_major
