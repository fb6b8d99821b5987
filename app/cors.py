"""CORS for browser front ends, from the environment, through flask-cors.

CORS_ORIGINS is a comma-separated list of allowed origins (none by default: no CORS headers at
all, so a browser on another origin cannot read any answer). CORS_ALLOW_CREDENTIALS=true lets
browsers send cookies / HTTP auth; the CORS spec forbids `*` together with credentials, so that
combination is refused at start-up rather than silently answering a wildcard.
"""

from __future__ import annotations

from flask import Flask
from flask_cors import CORS

from app.config import ConfigurationError, Settings

ALLOWED_HEADERS = ("Authorization", "Content-Type", "X-Request-ID")
ALLOWED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
# Browsers may read these response headers from script (the request id for bug reports, the
# back-off hint of 429/503).
EXPOSED_HEADERS = ("X-Request-ID", "Retry-After")
PREFLIGHT_MAX_AGE_SECONDS = 600


def allowed_origins(settings: Settings) -> list[str]:
    raw = settings.env.get("CORS_ORIGINS", "")
    return [origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip()]


def init_cors(app: Flask, settings: Settings) -> None:
    origins = allowed_origins(settings)
    credentials = settings.env.get("CORS_ALLOW_CREDENTIALS", "").strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }
    if credentials and "*" in origins:
        raise ConfigurationError(
            "CORS_ORIGINS may not contain '*' while CORS_ALLOW_CREDENTIALS is true: "
            "list the front ends' origins."
        )
    if not origins:
        return
    CORS(
        app,
        origins=origins,
        methods=list(ALLOWED_METHODS),
        allow_headers=list(ALLOWED_HEADERS),
        expose_headers=list(EXPOSED_HEADERS),
        supports_credentials=credentials,
        max_age=PREFLIGHT_MAX_AGE_SECONDS,
        vary_header=True,
    )
