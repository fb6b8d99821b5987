"""`flask --app wsgi habits purge`: delete for good what can no longer be restored."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app import db
from app.habits import queries
from app.habits.access import RESTORE_WINDOW_DAYS

habits_cli = AppGroup("habits", help="Maintain the habit tracker's data.")


@habits_cli.command("purge")
def purge() -> None:
    """Delete rows soft-deleted more than 30 days ago (run it daily, e.g. from cron)."""
    with db.unit_of_work("habits"):
        purged = queries.purge_deleted(restore_window_days=RESTORE_WINDOW_DAYS)
    click.echo("purged: " + ", ".join(f"{count} {table}" for table, count in purged.items()))
