"""`flask --app wsgi blood import-csv FILE`: a lab's results from a CSV file, all or nothing.

The file needs a header row naming its columns: date, test name, value, and optionally unit
and range (the database's names test_date, test_name, result_value, result_unit and
reference_range work too; other columns are ignored). Rows are checked like a panel upload
and names matched the same way (name, alias or LOINC code); a bad row, a unit the test does
not take, or a second row for the same test and date, is skipped and reported. The good rows
go in with one binary COPY into a temporary table and one statement that adds the names the
catalogue lacks as the user's own tests (under --category) and upserts the results, in one
transaction.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

import click
from flask.cli import AppGroup
from marshmallow import ValidationError
from psycopg.errors import ForeignKeyViolation

from app import db
from app.blood import queries
from app.blood.schemas import BloodImportRowSchema, CategoryField, match_key

blood_cli = AppGroup("blood", help="Blood test results.")

# Header spellings (lower case, spaces and hyphens as underscores) -> the row's fields.
CSV_COLUMNS = {
    "date": "test_date",
    "test_date": "test_date",
    "test_name": "test_name",
    "test": "test_name",
    "value": "result_value",
    "result_value": "result_value",
    "unit": "result_unit",
    "result_unit": "result_unit",
    "range": "reference_range",
    "reference_range": "reference_range",
}
REQUIRED_COLUMNS = ("test_date", "test_name", "result_value")


class ImportRows:
    """Validates CSV records into COPY rows as they stream, noting which were skipped and why."""

    def __init__(self, records: list[tuple[int, dict[str, Any]]]) -> None:
        self.records = records
        self.skipped: list[tuple[int, str]] = []
        self._schema = BloodImportRowSchema()
        self._first_line: dict[tuple[Any, str], int] = {}

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        for line, record in self.records:
            try:
                row = self._schema.load(record)
            except ValidationError as exc:
                self.skipped.append((line, _describe(exc.messages)))
                continue
            key = (row["test_date"], match_key(row["test_name"]))
            if key in self._first_line:
                self.skipped.append((line, f"same test and date as line {self._first_line[key]}"))
                continue
            self._first_line[key] = line
            yield (
                line,
                row["test_date"],
                row["test_name"],
                row["result_value"],
                row["result_unit"],
                row["reference_range"],
            )


def _describe(messages: dict[str, Any]) -> str:
    return "; ".join(f"{name}: {' '.join(map(str, found))}" for name, found in messages.items())


def _column_key(header: str) -> str:
    return header.strip().lower().replace(" ", "_").replace("-", "_")


def _read_records(csv_file: IO[str]) -> list[tuple[int, dict[str, Any]]]:
    """Each data record with its line number, keyed by row field; checks the header."""
    reader = csv.reader(csv_file)
    header = next(reader, None)
    if header is None:
        raise click.UsageError("the file is empty; it needs a header row")
    columns = [CSV_COLUMNS.get(_column_key(name)) for name in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise click.UsageError(f"the header row lacks column(s): {', '.join(missing)}")
    records = []
    for values in reader:
        if any(v.strip() for v in values):
            named = {c: v for c, v in zip(columns, values, strict=False) if c is not None}
            records.append((reader.line_num, named))
    return records


def _category(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    try:
        return CategoryField().deserialize(value)
    except ValidationError as exc:
        raise click.BadParameter(" ".join(exc.messages)) from exc


@blood_cli.command("import-csv")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
@click.option(
    "--category", required=True, callback=_category, help="Category for the user's new own tests."
)
@click.option("--customer-id", type=int, required=True, help="The user the results belong to.")
def import_csv(csv_file: IO[str], category: str, customer_id: int) -> None:
    """Import results from a CSV file (date, test name, value, unit, range)."""
    rows = ImportRows(_read_records(csv_file))
    try:
        with db.unit_of_work("blood"):
            queries.create_import_table()
            with click.progressbar(rows, label="Importing rows") as progress:
                queries.copy_import_rows(progress)
            outcome = queries.upsert_imported_tests(customer_id=customer_id, category=category)
    except ForeignKeyViolation as exc:
        raise click.ClickException(f"no user has customer_id {customer_id}") from exc
    click.echo(f"imported {outcome['saved']} results for customer_id {customer_id}")
    added = outcome["new_definitions"]
    if added:
        click.echo(f"added {len(added)} own tests under {category!r}: {', '.join(added)}")
    for refused in json.loads(outcome["bad_units"] or "[]"):
        accepted = ", ".join(refused["accepted"])
        reason = f"{refused['test_name']} is not reported in this unit; one of: {accepted}"
        rows.skipped.append((refused["line"], reason))
    for repeated in json.loads(outcome["repeated"] or "[]"):
        rows.skipped.append(
            (repeated["line"], f"same test and date as line {repeated['first_line']}")
        )
    rows.skipped.sort()
    click.echo(f"skipped {len(rows.skipped)} rows" + (":" if rows.skipped else ""))
    for line, reason in rows.skipped:
        click.echo(f"  line {line}: {reason}")
