"""`flask --app wsgi garmin cache-purge`: delete the expired AI analysis cache entries.
`flask --app wsgi garmin import-fit FOLDER --customer-id N`: import a folder of .FIT files.
`flask --app wsgi garmin partitions [--ahead N]`: create heart-rate sample months ahead.
`flask --app wsgi garmin retention --older-than 12mo [--archive-dir DIR] [--dry-run]`: drop
(after archiving) the months of heart-rate samples older than a cutoff.

The partition commands act on the Garmin pool's schema (aiapp in production, aiapp_nonprod
otherwise), as the API does."""

from __future__ import annotations

import calendar
import os
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import click
from flask.cli import AppGroup
from psycopg.errors import ForeignKeyViolation

from app import db
from app.garmin import fit
from app.training import queries as training_queries

ARCHIVE_QUERY = "garmin/archive_hr_month"
_AGE = re.compile(r"^\s*(\d+)\s*(mo|months?|y|years?)\s*$", re.IGNORECASE)

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


def _months_from(day: date, months: int) -> date:
    """The same day `months` calendar months later (earlier when negative), clamped to the
    month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def parse_age(text: str) -> int:
    """'12mo', '6 months', '1y' as a number of months."""
    match = _AGE.match(text)
    if match is None or int(match[1]) < 1:
        raise click.BadParameter(f"{text!r}: give whole months or years, e.g. 12mo, 18mo, 1y.")
    return int(match[1]) * (12 if match[2].lower().startswith("y") else 1)


def _size(total_bytes: int) -> str:
    return f"{total_bytes / 2**20:.1f} MiB"


@garmin_cli.command("partitions")
@click.option(
    "--ahead",
    default=3,
    show_default=True,
    type=click.IntRange(0, 23),
    help="Months after the current one to create.",
)
def partitions(ahead: int) -> None:
    """Create heart_rate_samples' monthly partitions from this month to --ahead months on.

    Run it from cron (daily or monthly): ingest creates a missing month itself, but one made
    ahead costs the ingest nothing. Lists every partition with its size afterwards.
    """
    with db.unit_of_work("garmin"):
        created = training_queries.ensure_hr_partitions_ahead(months=ahead)
        existing = training_queries.list_hr_partitions()
    click.echo(f"Created {created} partition(s); heart_rate_samples has {len(existing)}:")
    for row in existing:
        click.echo(
            f"  {row['partition_name']}  ~{row['estimated_rows']} rows  {_size(row['total_bytes'])}"
        )


@garmin_cli.command("retention")
@click.option(
    "--older-than",
    "older_than",
    required=True,
    help="Drop the months that end before this age: 12mo, 18mo, 1y ...",
)
@click.option(
    "--archive-dir",
    type=click.Path(file_okay=False, dir_okay=True, writable=True, path_type=Path),
    help="Write each month to DIR/<schema>.heart_rate_samples_YYYY_MM.csv before dropping it.",
)
@click.option("--dry-run", is_flag=True, help="Only list what would be archived and dropped.")
def retention(older_than: str, archive_dir: Path | None, dry_run: bool) -> None:
    """Detach and drop whole months of heart-rate samples older than --older-than.

    Each month goes in its own transaction: SHARE on that month's partition (writes to it
    wait, reads go on), the archive COPY when --archive-dir is given (written to a .partial
    file, renamed once complete), then DETACH and DROP. A failure leaves that month whole.
    """
    months = parse_age(older_than)
    cutoff = _months_from(datetime.now(UTC).date(), -months)
    cutoff_time = _midnight(cutoff)
    with db.unit_of_work("garmin"):
        schema = training_queries.select_garmin_schema()
        old = [p for p in training_queries.list_hr_partitions() if p["month_end"] <= cutoff_time]
    verb = "Would drop" if dry_run else "Dropping"
    click.echo(
        f"{verb} {len(old)} month(s) of {schema}.heart_rate_samples ending on or before"
        f" {cutoff} (older than {months} months)."
    )
    if archive_dir is not None and not dry_run:
        archive_dir.mkdir(parents=True, exist_ok=True)
    dropped = dropped_bytes = archived_rows = 0
    for row in old:
        size = f"~{row['estimated_rows']} rows, {_size(row['total_bytes'])}"
        label = f"{row['partition_name']} ({size})"
        if dry_run:
            click.echo(f"  would drop {label}")
            continue
        outcome = _retire(row, schema, archive_dir)
        if outcome is None:
            click.echo(f"  {row['partition_name']} was already gone (another run dropped it)")
            continue
        dropped += 1
        dropped_bytes += row["total_bytes"]
        if archive_dir is None:
            click.echo(f"  dropped {label}")
        else:
            archived_rows += outcome
            click.echo(f"  archived {outcome} rows and dropped {label}")
    if not dry_run:
        archived = f", archived {archived_rows} rows to {archive_dir}" if archive_dir else ""
        click.echo(f"Dropped {dropped} month(s), {_size(dropped_bytes)}{archived}.")


def _retire(row: dict[str, Any], schema: str, archive_dir: Path | None) -> int | None:
    """Archive (when asked) and drop one month in one transaction. Returns the archived row
    count (0 without an archive), or None when the month has no partition any more."""
    month = row["month_start"].astimezone(UTC).date()
    rows = 0
    with db.unit_of_work("garmin"):
        if not training_queries.lock_hr_partition(month=month):
            return None
        if archive_dir is not None:
            rows = _archive(row, archive_dir / f"{schema}.{row['partition_name']}.csv")
        training_queries.drop_hr_partition(month=month)
    return rows


def _archive(row: dict[str, Any], target: Path) -> int:
    """COPY one month to a CSV file: written to .partial, flushed to disk, then renamed, so a
    file with the final name is always complete."""
    conn = db.connection("garmin")
    # A month of many users outlasts the API's statement timeout; this transaction only reads.
    conn.execute("SET LOCAL statement_timeout = 0")
    partial = target.with_suffix(".csv.partial")
    params = {"month_start": row["month_start"], "month_end": row["month_end"]}
    with partial.open("wb") as out, conn.cursor() as cur:
        with cur.copy(db.BOOK[ARCHIVE_QUERY].text, params) as copy:
            for chunk in copy:
                out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
        rows = cur.rowcount
    db.EXECUTED.add(ARCHIVE_QUERY)
    partial.replace(target)
    return rows
