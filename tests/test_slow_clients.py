"""Clients that trickle their bodies cannot stall the service (gunicorn as `make run` serves).

Fifty connections send their headers and then one byte of body now and then; meanwhile other
clients' requests, with and without the database, are answered; each slow connection gets a
408 once it falls behind the minimum pace, and its connection is closed.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SLOW_CLIENTS = 50
DECLARED_LENGTH = 1500


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(app_env: dict[str, str]) -> Iterator[int]:
    """gunicorn with the project's gunicorn.conf.py on the test database."""
    port = _free_port()
    env = {
        **os.environ,
        **app_env,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "BODY_GRACE_SECONDS": "1",
        "BODY_MIN_RATE": "1000",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(port, "/ready")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not come up"
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _post(port: int, path: str, body: dict) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request(
            "POST", path, json.dumps(body), headers={"Content-Type": "application/json"}
        )
        return connection.getresponse().status
    finally:
        connection.close()


def _open_slow(port: int) -> socket.socket:
    slow = socket.create_connection(("127.0.0.1", port), timeout=5)
    slow.sendall(
        b"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\n"
        + f"Content-Length: {DECLARED_LENGTH}\r\n\r\n".encode()
        + b"{"
    )
    slow.setblocking(False)
    return slow


def test_trickling_bodies_get_408_while_everyone_else_is_served(served: int) -> None:
    slow = [_open_slow(served) for _ in range(SLOW_CLIENTS)]
    answers: dict[int, bytes] = {}
    others: list[int] = []
    started = time.monotonic()
    try:
        while len(answers) < len(slow) and time.monotonic() - started < 15:
            for index, connection in enumerate(slow):
                if index in answers:
                    continue
                try:
                    data = connection.recv(4096)
                except BlockingIOError:
                    try:
                        connection.send(b" ")
                    except OSError:
                        answers[index] = b""
                    continue
                except OSError:
                    data = b""
                answers[index] = data
            # Meanwhile, other clients: one request without the database, one with it (each
            # would time out after 5 s were the workers held by the slow ones).
            others.append(_get(served, "/health")[0])
            email = f"user{len(others)}@example.com"
            others.append(
                _post(served, "/api/v1/auth/register", {"email": email, "password": "long enough"})
            )
            time.sleep(0.1)
    finally:
        for connection in slow:
            connection.close()
    assert len(answers) == SLOW_CLIENTS, "some slow clients were neither answered nor cut"
    assert all(answer.startswith(b"HTTP/1.1 408") for answer in answers.values()), answers
    assert all(b'"code":408' in answer for answer in answers.values())
    assert others
    assert set(others) <= {200, 201}
