"""Row-level security (migration 0019) and the statements that open a transaction.

Whose rows storage_app sees in a transaction is held in the transaction-local settings
app.customer_id and app.rls_bypass; a transaction-mode pooler also gets the schema's
search_path and the statement timeout here, since it refuses them as startup options.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.config import Settings

# Whose rows storage_app sees in a transaction, as the
# transaction-local settings app.customer_id and app.rls_bypass ('' = unset: no rows).
ROW_SECURITY = "set_config('app.customer_id', %s, true), set_config('app.rls_bypass', %s, true)"


@dataclass(frozen=True)
class RowSecurity:
    """Whose rows the unit of work's transactions may see: one user's, or, on a path README.md
    names (login, admin routes, erasure, CLI), every user's (`bypass` names the path)."""

    customer_id: int | None = None
    bypass: str | None = None

    def settings(self) -> tuple[str, str]:
        customer = "" if self.customer_id is None else str(self.customer_id)
        return (customer, "on" if self.bypass else "")


def transaction_prelude(
    schema: str, settings: Settings, row_security: RowSecurity | None = None
) -> list[tuple[str, tuple[Any, ...]]]:
    """The statements that open a unit of work's transaction, sent ahead of its first one.
    Everything is transaction-local (set_config(..., true)), so it holds behind a
    transaction-mode pooler and never outlives the transaction on a pooled connection."""
    prelude: list[tuple[str, tuple[Any, ...]]] = [("BEGIN", ())]
    if settings.db_pooler == "transaction":
        text = (
            "SELECT set_config('search_path', %s, true), set_config('statement_timeout', %s, true)"
        )
        args: tuple[Any, ...] = (schema, str(settings.statement_timeout_ms))
        if row_security is not None:
            text, args = f"{text}, {ROW_SECURITY}", (*args, *row_security.settings())
        prelude.append((text, args))
    elif row_security is not None:
        prelude.append((f"SELECT {ROW_SECURITY}", row_security.settings()))
    return prelude
