"""`flask --app wsgi garmin cache-purge`: delete the expired AI analysis cache entries.
`flask --app wsgi garmin import-fit FOLDER --customer-id N`: import a folder of .FIT files."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from psycopg.errors import ForeignKeyViolation

from app import db
from app.garmin import fit, training_queries

garmin_cli = AppGroup("garmin", help="Garmin data maintenance.")


@garmin_cli.command("cache-purge")
def cache_purge() -> None:
    """Delete every expired AI cache entry of every user."""
    with db.unit_of_work("garmin"):
        deleted = training_queries.purge_ai_cache()
    click.echo(f"Deleted {deleted} expired cache entries.")


@garmin_cli.command("import-fit")
@click.argument(
    "folder", type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)
)
@click.option("--customer-id", type=click.IntRange(min=1), required=True, help="The owner.")
def import_fit_folder(folder: Path, customer_id: int) -> None:
    """Import every .FIT activity file under FOLDER (recursively) for one user.

    Each file is committed on its own; files already imported are left unchanged, so the
    command can be run again on the same folder (a device's Activity/ folder) at any time.
    """
    paths = fit.fit_files_under(folder)
    outcomes: dict[str, list[Path]] = {"imported": [], "unchanged": [], "refused": []}
    reasons: dict[Path, str] = {}
    with click.progressbar(
        paths,
        label=f"Importing {len(paths)} .FIT files",
        item_show_func=lambda path: path.name if path else None,
    ) as bar:
        for path in bar:
            try:
                with db.unit_of_work("garmin"):
                    result = fit.import_fit(path.read_bytes(), path.name, customer_id)
            except ForeignKeyViolation:
                raise click.ClickException(f"No user has customer_id {customer_id}.") from None
            outcomes[result["status"]].append(path)
            if result["error"]:
                reasons[path] = result["error"]
    click.echo(", ".join(f"{len(found)} {status}" for status, found in outcomes.items()) + ".")
    for path, reason in reasons.items():
        click.echo(f"refused {path.relative_to(folder)}: {reason}")
