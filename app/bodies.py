"""Request bodies read against a deadline, so clients that trickle a body cannot hold the
service.

gunicorn serves with its gevent worker (gunicorn.conf.py): every connection is a greenlet, so
a slow client costs a greenlet, not one of a few worker threads. This middleware bounds how
long it may take: the body is read in full before the app sees the request, and it must keep
up a minimum pace: after BODY_GRACE_SECONDS, at least BODY_MIN_RATE bytes a second on average.
A client that falls behind gets a 408 in the envelope and its connection is closed. A body
declared larger than MAX_CONTENT_LENGTH is left to Flask, which answers 413 without reading it.

Only where reads cooperate (gevent's patched sockets) can a deadline interrupt one; under a
threaded worker or the test client the body passes through untouched.
"""

from __future__ import annotations

import io
import logging
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from app.http import api_error

access_log = logging.getLogger("app.access")
CHUNK = 64 * 1024
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _cooperative() -> bool:
    monkey = sys.modules.get("gevent.monkey")
    return bool(monkey and monkey.is_module_patched("socket"))


class BodyTimeout(Exception):
    """The client sent its body slower than the minimum pace."""


class BodyDeadline:
    """WSGI middleware: the whole body, read at the minimum pace or refused with a 408."""

    def __init__(self, app: WSGIApp, grace_seconds: float, min_rate: int, max_length: int):
        self.app = app
        self.grace = grace_seconds
        self.rate = min_rate
        self.max_length = max_length

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        declared = environ.get("CONTENT_LENGTH") or ""
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        length = int(declared) if declared.isdigit() else 0
        if (not length and not chunked) or length > self.max_length or not _cooperative():
            return self.app(environ, start_response)
        try:
            body = self._read(environ["wsgi.input"], length if not chunked else None)
        except BodyTimeout:
            return self._refuse(environ, start_response)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.app(environ, start_response)

    def _read(self, stream: Any, length: int | None) -> bytes:
        """Read `length` bytes (or to the end of a chunked body, up to one byte past the limit
        so that Flask still sees an oversized body); every chunk against the pace's deadline."""
        from gevent import Timeout

        started = time.monotonic()
        wanted = self.max_length + 1 if length is None else length
        parts: list[bytes] = []
        received = 0
        while received < wanted:
            size = min(CHUNK, wanted - received)
            # By then, the pace would have brought what we have plus this chunk.
            due = started + self.grace + (received + size) / self.rate
            try:
                with Timeout(max(due - time.monotonic(), 0.001)):
                    part = stream.read(size)
            except Timeout:
                raise BodyTimeout() from None
            if not part:
                break
            parts.append(part)
            received += len(part)
        return b"".join(parts)

    def _refuse(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        response = api_error(
            408,
            "The request body arrived too slowly; send it again at a steadier pace.",
            headers={"Connection": "close"},
        )
        access_log.info(
            "request",
            extra={
                "method": environ.get("REQUEST_METHOD"),
                "path": environ.get("PATH_INFO"),
                "status": 408,
                "ms": None,
            },
        )
        return response(environ, start_response)
