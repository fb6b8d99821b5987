"""JSON-lines logging on stdout; every line of a request carries its request id."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime

import orjson
from flask import g, has_app_context

# Attributes every LogRecord has; anything else was passed with extra= and is logged as a field.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": g.get("request_id") if has_app_context() else None,
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str, option=orjson.OPT_NON_STR_KEYS).decode()


class StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is at the time of the record, not at set-up: pool threads
    that log late never write into a stream someone (a test runner) has since closed."""

    @property
    def stream(self):  # type: ignore[override]
        return sys.stdout

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure_logging(level: str = "INFO") -> None:
    handler = StdoutHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # yoyo narrates every step of every migration at INFO.
    logging.getLogger("yoyo").setLevel(logging.WARNING)
