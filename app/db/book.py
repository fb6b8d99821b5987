"""The named statements of sql/, loaded once, and which of them ran since start-up."""

from __future__ import annotations

from app.sql import QueryBook

BOOK = QueryBook()
# Names of the statements run since start-up; the test suite checks that it covers every file.
EXECUTED: set[str] = set()
