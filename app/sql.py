"""Named SQL: every sql/<package>/<verb_noun>.sql file, loaded once, looked up by name.

sql/<package>/ is named after the app/ package whose modules run it (sql/core/: app/*.py).

Each file holds one statement and starts with a header in the spirit of sqlc:

    -- name: insert_user :one
    -- Creates a user and returns its public profile.

The name must match the file name; the cardinality says what the runner returns:
``:one`` a row (dict) or None, ``:many`` a list of rows, ``:scalar`` the first column of the
first row, ``:none`` the number of rows affected. ``:copy`` marks a ``COPY ... FROM STDIN``
statement fed with rows from Python; for ``FORMAT BINARY`` a ``-- types: bigint, timestamptz``
line names the column types in order. A ``:copy`` file may also be a ``COPY ... TO STDOUT``
that its caller reads with ``cursor.copy()`` (the heart-rate retention's archive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SQL_ROOT = Path(__file__).resolve().parent.parent / "sql"
CARDINALITIES = frozenset({"one", "many", "scalar", "none", "copy"})
_HEADER = re.compile(r"^--\s*name:\s*(?P<name>\w+)\s+:(?P<card>\w+)\s*$", re.MULTILINE)
_TYPES = re.compile(r"^--\s*types:\s*(?P<types>.+?)\s*$", re.MULTILINE)


class SqlFileError(RuntimeError):
    """A .sql file is missing, or its header does not say what it is."""


@dataclass(frozen=True)
class Query:
    name: str  # "<package>/<verb_noun>"
    cardinality: str
    text: str
    path: Path
    copy_types: tuple[str, ...] | None = None


def _parse(path: Path, root: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    match = _HEADER.search(text)
    name = path.relative_to(root).with_suffix("").as_posix()
    if match is None:
        raise SqlFileError(
            f"{path}: first lines must include '-- name: {path.stem} :<cardinality>'"
        )
    if match["name"] != path.stem:
        raise SqlFileError(f"{path}: header names {match['name']!r}, file is {path.stem!r}")
    if match["card"] not in CARDINALITIES:
        raise SqlFileError(f"{path}: cardinality :{match['card']} is not one of {CARDINALITIES}")
    types = _TYPES.search(text)
    copy_types = tuple(t.strip() for t in types["types"].split(",")) if types else None
    return Query(name, match["card"], text, path, copy_types)


class QueryBook:
    """All named statements of the project, read once at start-up."""

    def __init__(self, root: Path = SQL_ROOT) -> None:
        self.root = root
        self._queries = {q.name: q for q in (_parse(p, root) for p in sorted(root.rglob("*.sql")))}

    def __getitem__(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise SqlFileError(f"no SQL file named {name!r} under {self.root}") from None

    def __iter__(self):
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def require(self, names: set[str]) -> None:
        """Fail at start-up, not mid-request, when a query module names a missing file."""
        missing = sorted(names - self._queries.keys())
        if missing:
            raise SqlFileError(f"missing SQL files under {self.root}: {', '.join(missing)}")
