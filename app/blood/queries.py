"""Blood test results and the test catalogue: one typed function per file in sql/blood/."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from psycopg.types.json import Jsonb

from app.db import Row
from app.db import query as bound_query

# The database every statement below runs on; its search_path: blood (app/config.py).
query = partial(bound_query, database="blood")


@query("blood/list_tests")
def list_tests(
    *,
    customer_id: int,
    start_date: date | None,
    end_date: date | None,
    category: str | None,
    max_rows: int | None,
) -> Row: ...


@query("blood/select_legacy_tests")
def select_legacy_tests(*, customer_id: int) -> str: ...


@query("blood/upsert_panel")
def upsert_panel(*, customer_id: int, test_date: date, results: Jsonb, strict: bool) -> Row: ...


@query("blood/update_test")
def update_test(*, customer_id: int, test_id: int, patch: Jsonb) -> Row: ...


@query("blood/delete_test")
def delete_test(*, customer_id: int, test_id: int) -> int: ...


@query("blood/list_latest")
def list_latest(*, customer_id: int, category: str | None, units: str) -> str: ...


@query("blood/select_history")
def select_history(
    *, customer_id: int, test_name: str, start_date: date | None, end_date: date | None, units: str
) -> str | None: ...


@query("blood/list_definitions")
def list_definitions(*, customer_id: int, category: str | None) -> str: ...


@query("blood/insert_definition")
def insert_definition(
    *,
    category: str,
    test_name: str,
    short_explanation: str | None,
    long_explanation: str | None,
    default_unit: str | None,
    reference_low: Decimal | None,
    reference_high: Decimal | None,
    loinc_code: str | None,
    aliases: list[str],
    reference_low_female: Decimal | None,
    reference_high_female: Decimal | None,
    reference_low_male: Decimal | None,
    reference_high_male: Decimal | None,
    critical_low: Decimal | None,
    critical_high: Decimal | None,
    range_source: str | None,
) -> str: ...


@query("blood/update_definition")
def update_definition(*, definition_id: int, patch: Jsonb) -> str | None: ...


@query("blood/delete_definition")
def delete_definition(*, definition_id: int) -> Row: ...


@query("blood/promote_definition")
def promote_definition(*, definition_id: int, category: str | None) -> str | None: ...


@query("blood/create_import_table")
def create_import_table() -> int: ...


@query("blood/copy_import_rows")
def copy_import_rows(rows: Iterable[Sequence[Any]]) -> int: ...


@query("blood/upsert_imported_tests")
def upsert_imported_tests(*, customer_id: int, category: str) -> Row: ...
