"""Faults answered as faults: an exhausted pool is a prompt 503, and PostgreSQL killed -9 and
restarted under writers loses no acknowledged write and serves again without an app restart."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg
import pytest

from app import migrations
from app.localdb import APP_ROLE, LocalPostgres
from tests.helpers import assert_error
from tests.live import call, live_server

WRITERS = 8


def test_an_exhausted_pool_answers_503_within_the_pool_timeout(make_app, alice):
    app = make_app(DB_POOL_SIZE="1", DB_MAX_OVERFLOW="0", DB_POOL_TIMEOUT="2")
    pool = app.extensions["db"].pool("main")
    held = pool.getconn()
    try:
        started = time.monotonic()
        response = app.test_client().get("/api/v1/auth/me", headers=alice.headers)
        waited = time.monotonic() - started
    finally:
        pool.putconn(held)
    body = assert_error(response, 503)
    assert response.headers["Retry-After"].isdigit()
    assert "pool" not in body["message"].lower() or "timeout" not in body["message"].lower()
    assert 1.9 <= waited < 3.0, waited
    assert app.test_client().get("/api/v1/auth/me", headers=alice.headers).status_code == 200


@pytest.fixture
def own_server():
    """A PostgreSQL of this test's own, with default durability, that it may kill."""
    shm = Path("/dev/shm")  # noqa: S108 - mkdtemp makes a private folder in it
    scratch = Path(tempfile.mkdtemp(prefix="storage-faults-", dir=shm if shm.is_dir() else None))
    server = LocalPostgres(scratch / "data", port=5433)
    server.start()
    migrations.upgrade(server.url())
    yield server
    server.stop()
    shutil.rmtree(scratch, ignore_errors=True)


def _kill_postmaster(server: LocalPostgres) -> int:
    pid = int((server.data_dir / "postmaster.pid").read_text().splitlines()[0])
    os.kill(pid, signal.SIGKILL)
    return pid


def _dead(pid: int) -> bool:
    """Gone, or a zombie nobody reaps (the postmaster's parent in a container may be an init
    that never waits): either way no longer a server."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in status


def _restart(server: LocalPostgres, pid: int, deadline: float) -> None:
    """What an operator does after a crash: once the old postmaster is dead, clear its lock
    file if it still names it, and start; its backends may hold shared memory for a moment."""
    while not _dead(pid):
        time.sleep(0.05)
    lock = server.data_dir / "postmaster.pid"
    if lock.exists() and lock.read_text().splitlines()[0] == str(pid):
        lock.unlink()
    while True:
        try:
            server.start()
            return
        except RuntimeError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_postgres_killed_mid_write_loses_no_acknowledged_write(own_server, tmp_path):
    env = {
        "DATABASE_URL": own_server.url(user=APP_ROLE),
        "MIGRATIONS_DB_URL": own_server.url(),
        "BCRYPT_ROUNDS": "4",
        "LOG_LEVEL": "WARNING",
        "DB_POOL_TIMEOUT": "2",
        "WEB_CONCURRENCY": "2",
        "THREADS": "4",
    }
    acknowledged: list[str] = []
    statuses: Counter[int | str] = Counter()
    lock = threading.Lock()
    stop = threading.Event()
    restarted_at: list[float] = []
    first_2xx_after_restart: list[float] = []

    def write(writer: int, base: str) -> None:
        sent = 0
        while not stop.is_set():
            sent += 1
            email = f"w{writer}-{sent}@example.com"
            body = {"email": email, "password": "a long password"}
            try:
                status = call(base, "POST", "/api/v1/auth/register", body, timeout=15)[0]
            except OSError as error:
                status = type(error).__name__
            with lock:
                statuses[status] += 1
                if status == 201:
                    acknowledged.append(email)
                    if restarted_at and not first_2xx_after_restart:
                        first_2xx_after_restart.append(time.monotonic())

    with live_server(env, tmp_path / "gunicorn.log") as base:
        writers = [threading.Thread(target=write, args=(i, base)) for i in range(WRITERS)]
        for thread in writers:
            thread.start()
        try:
            while len(acknowledged) < 100:
                time.sleep(0.05)
            postmaster = _kill_postmaster(own_server)
            killed_at = time.monotonic()
            acknowledged_before_kill = len(acknowledged)
            time.sleep(1)
            _restart(own_server, postmaster, killed_at + 30)
            restarted_at.append(time.monotonic())
            deadline = time.monotonic() + 30
            while not first_2xx_after_restart and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(1)  # keep writing on the recovered server for a moment
        finally:
            stop.set()
            for thread in writers:
                thread.join()

    assert first_2xx_after_restart, f"no 2xx within 30 s of the restart: {statuses}"
    with psycopg.connect(own_server.url()) as conn:
        stored = {
            row[0]
            for row in conn.execute(
                "SELECT email FROM aiapp.users WHERE email = ANY(%s)", (acknowledged,)
            )
        }
    lost = sorted(set(acknowledged) - stored)
    assert not lost, f"{len(lost)} acknowledged writes lost: {lost[:5]}"
    assert len(acknowledged) > acknowledged_before_kill  # writes went on after the restart
    # No connection was refused or cut: gunicorn kept serving throughout.
    assert all(isinstance(status, int) for status in statuses), statuses
    print(
        f"\nkill -9 under {WRITERS} writers: {len(acknowledged)} acknowledged writes, all "
        f"stored; first 2xx {first_2xx_after_restart[0] - killed_at:.1f} s after the kill "
        f"({first_2xx_after_restart[0] - restarted_at[0]:.1f} s after the restart); "
        f"answers: {dict(statuses)}"
    )
