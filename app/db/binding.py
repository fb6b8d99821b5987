"""query(): a typed Python function bound to a named SQL file, its parameters checked at import."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from app.config import DatabaseName, database_name
from app.db.book import BOOK
from app.db.unit import copy_rows, execute
from app.sql import SqlFileError

P = ParamSpec("P")
R = TypeVar("R")
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def query(
    name: str, *, database: DatabaseName | Callable[[], DatabaseName]
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Bind a thin, typed function to the named SQL file; the function body is never run.

    The signature is the statement's contract: at import, its parameters must be exactly the
    file's %(placeholders)s, so a renamed parameter or a missing file fails at start-up.
    A :copy file binds a function of one parameter, `rows`, and returns how many were sent.
    `database` is where it runs, named by each query module once
    (`query = partial(db.query, database="blood")`); its connections' schema is that
    database's (Settings.schema_of). An unknown name fails at import too.
    """
    if not callable(database):
        database_name(database)

    def bind(func: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(func)
        named = BOOK[name]
        placeholders = set(_PLACEHOLDER.findall(named.text))
        parameters = set(signature.parameters)
        if named.cardinality == "copy":
            if parameters != {"rows"}:
                raise SqlFileError(f"{func.__qualname__} binds COPY {name}: take exactly `rows`")

            @wraps(func)
            def copy(rows: Iterable[Sequence[Any]]) -> int:
                return copy_rows(name, rows, database)

            return copy  # type: ignore[return-value]
        if placeholders != parameters:
            raise SqlFileError(
                f"{func.__qualname__} takes {sorted(parameters)} but {name}.sql uses "
                f"{sorted(placeholders)}"
            )
        binder = _Binder(func.__qualname__, signature)

        @wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            return execute(name, binder.bind(args, kwargs), database)

        return run

    return bind


class _Binder:
    """inspect.Signature.bind, precomputed: the statement's parameters from a call's arguments."""

    def __init__(self, qualname: str, signature: inspect.Signature) -> None:
        self.qualname = qualname
        self.names = tuple(signature.parameters)
        self.positional = tuple(
            n
            for n, p in signature.parameters.items()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        )
        self.defaults = {
            n: p.default for n, p in signature.parameters.items() if p.default is not p.empty
        }

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        if len(args) > len(self.positional):
            raise TypeError(f"{self.qualname}() takes {len(self.positional)} positional arguments")
        params = dict(zip(self.positional, args, strict=False))
        for key, value in kwargs.items():
            if key in params or key not in self.names:
                raise TypeError(f"{self.qualname}() got an unexpected or repeated argument {key!r}")
            params[key] = value
        if len(params) < len(self.names):
            for key in self.names:
                if key not in params:
                    if key not in self.defaults:
                        raise TypeError(f"{self.qualname}() missing argument {key!r}")
                    params[key] = self.defaults[key]
        return params
