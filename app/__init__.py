"""storage-backend: a Flask service that stores an AI assistant's and health tracker's data.

The app factory is app.factory.create_app. Importing this package imports nothing else: gunicorn's
master loads app.gunicorn_logging, and under the gevent worker psycopg must not be imported
before a worker's monkey-patching (it picks its wait function at import).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(env: Mapping[str, str] | None = None) -> Flask:
    """Build the app (see app.factory). `env` replaces os.environ (tests pass their own)."""
    from app.factory import create_app as build

    return build(env)
