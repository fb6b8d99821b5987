"""`flask --app wsgi garmin cache-purge`: delete the expired AI analysis cache entries."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app import db
from app.garmin import training_queries

garmin_cli = AppGroup("garmin", help="Garmin data maintenance.")


@garmin_cli.command("cache-purge")
def cache_purge() -> None:
    """Delete every expired AI cache entry of every user."""
    with db.unit_of_work("garmin"):
        deleted = training_queries.purge_ai_cache()
    click.echo(f"Deleted {deleted} expired cache entries.")
