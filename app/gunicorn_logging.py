"""gunicorn's own log lines (worker boots, timeouts, signals) as JSON, like the app's.

Wire it in gunicorn.conf.py with `logger_class = "app.gunicorn_logging.JsonLogger"`.
"""

from __future__ import annotations

import logging
from typing import Any

from gunicorn.glogging import Logger

from app.logs import JsonFormatter


class JsonLogger(Logger):
    """gunicorn's logger, with every handler it sets up writing app.logs' JSON lines."""

    def _set_handler(
        self, log: logging.Logger, output: Any, fmt: logging.Formatter, stream: Any = None
    ) -> None:
        super()._set_handler(log, output, JsonFormatter(), stream)
