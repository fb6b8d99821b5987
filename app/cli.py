"""`flask --app wsgi db upgrade|rollback|status`: yoyo migrations from the command line."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from app import migrations

db_cli = AppGroup("db", help="Apply, roll back and list database migrations.")


def _url() -> str:
    return current_app.config["SETTINGS"].migrations_url()


@db_cli.command("upgrade")
def upgrade() -> None:
    """Apply every pending migration."""
    applied = migrations.upgrade(_url())
    click.echo(f"applied: {', '.join(applied)}" if applied else "already up to date")


@db_cli.command("rollback")
@click.option("--steps", default=1, show_default=True, help="How many migrations to undo.")
@click.option("--all", "everything", is_flag=True, help="Undo every applied migration.")
def rollback(steps: int, everything: bool) -> None:
    """Roll back the most recent migration(s)."""
    undone = migrations.rollback(_url(), None if everything else steps)
    click.echo(f"rolled back: {', '.join(undone)}" if undone else "nothing to roll back")


@db_cli.command("status")
def status() -> None:
    """List migrations and whether each is applied."""
    for migration_id, applied in migrations.status(_url()):
        click.echo(f"{'applied' if applied else 'pending'}  {migration_id}")
