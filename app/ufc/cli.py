"""`flask --app wsgi ufc import-csv FILE`: upsert fighters from a CSV file by ufc_url."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

import click
from flask.cli import AppGroup
from marshmallow import ValidationError

from app import db
from app.schemas import snake_case
from app.ufc import queries
from app.ufc.schemas import FighterFieldsSchema

ufc_cli = AppGroup("ufc", help="UFC fighters.")

# The columns of copy_fighter_import.sql after `line`, in its order.
IMPORT_COLUMNS = (
    "name",
    "ufc_url",
    "fighter_full_body_img_url",
    "fighter_headshot_img_url",
    "weight_class",
    "record",
    "sherdog_record",
    "next_fight_date",
    "next_fight_opponent",
    "next_fight_opponent_record",
    "opponent_headshot_url",
    "opponent_ufc_url",
    "rumour_next_fight_date",
    "rumour_next_fight_opponent",
    "rumour_next_fight_opponent_record",
    "rumour_next_fight_opponent_img_url",
    "rumour_opponent_ufc_url",
    "tags",
    "tags_dwcs",
    "height",
    "weight",
    "age",
    "description",
    "twitter",
    "instagram",
    "sherdog",
    "tapology",
)
REQUIRED_COLUMNS = ("name", "ufc_url")


def _column(name: str) -> str:
    """The column a header names: snake_case, camelCase, or the original's mydesc."""
    return "description" if name == "mydesc" else snake_case(name)


def _check_header(header: Sequence[str]) -> None:
    """Fail before importing anything when the columns cannot be fighter fields."""
    columns = [_column(name) for name in header]
    unknown = sorted(
        name for name, column in zip(header, columns, strict=True) if column not in IMPORT_COLUMNS
    )
    if unknown:
        raise click.UsageError(f"unknown columns: {', '.join(unknown)}")
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise click.UsageError(f"missing columns: {', '.join(missing)}")


def _read(file: TextIO) -> list[tuple[int, dict[str, str]]]:
    """The records of the file, each with the line it starts on."""
    reader = csv.DictReader(file)
    _check_header(reader.fieldnames or [])
    records = []
    start = reader.line_num + 1
    for record in reader:
        records.append((start, record))
        start = reader.line_num + 1
    return records


def _reasons(messages: dict[str, Any]) -> str:
    return "; ".join(f"{field}: {' '.join(map(str, errors))}" for field, errors in messages.items())


def _valid_rows(
    records: Iterable[tuple[int, dict[str, str]]], rejected: list[tuple[int, str]]
) -> Iterator[tuple[Any, ...]]:
    """The records that load as fighters, as COPY rows; the others go to `rejected`."""
    schema = FighterFieldsSchema()
    for line, record in records:
        try:
            fighter = schema.load(record)
        except ValidationError as exc:
            rejected.append((line, _reasons(exc.normalized_messages())))
            continue
        yield (line, *(fighter.get(column) for column in IMPORT_COLUMNS))


@ufc_cli.command("import-csv")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
def import_csv(file: TextIO) -> None:
    """Upsert fighters from FILE by ufc_url, in one transaction.

    The header names the columns: fighter fields, snake_case or the original's camelCase
    (mydesc for description); name and ufc_url are required. Empty cells are null; tags are
    JSON text. Rows that cannot be imported are listed with the reason, and the rest imported.
    """
    records = _read(file)
    rejected: list[tuple[int, str]] = []
    with db.unit_of_work("ufc"):
        queries.create_fighter_import()
        with click.progressbar(records, label="Importing fighters") as progress:
            queries.copy_fighter_import(_valid_rows(progress, rejected))
        outcome = queries.upsert_fighter_import()
    rejected.extend((row["line"], row["reason"]) for row in outcome["rejected"])
    click.echo(
        f"inserted {outcome['inserted']}, updated {outcome['updated']}, "
        f"unchanged {outcome['unchanged']}, rejected {len(rejected)}"
    )
    for line, reason in sorted(rejected):
        click.echo(f"line {line}: {reason}")
