"""The scope of every clinical statement: the acting clinician's own patients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from app.auth.access import current_customer_id
from app.http import found

T = TypeVar("T")


def for_clinician(statement: Callable[..., T | None], what: str, **params: Any) -> T:
    """Run a statement for the acting clinician, or answer 404 naming `what` when it returns
    nothing: every clinical statement is scoped to customer_id, so a missing record and one
    under another clinician's patient get the same answer, reads and writes alike."""
    return found(statement(customer_id=current_customer_id(), **params), what)
