"""Who may do what with habits, and the answer when they may not.

The database decides roles (habits.family_role / habits.owner_role): 'owner' of a user's own
habit or routine, else the user's role in the owning family (owner, admin, member, child), or
none when they cannot see it. Each write statement checks the role itself and changes nothing
when it is missing; the view then asks for the role only to tell the caller why:
404 for what they cannot see, 403 for what they can see but may not change.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from psycopg import errors as pg_errors

from app.auth.access import current_customer_id
from app.http import ApiError

# Who may change a family's habits and routines (and a user's own: they are its 'owner').
EDITORS = frozenset({"owner", "admin"})
# Soft-deleted rows can be restored for this long; `flask habits purge` removes them after.
RESTORE_WINDOW_DAYS = 30
RESTORE_NOTE = f"restorable for {RESTORE_WINDOW_DAYS} days"
# A family invitation can be accepted for this long after it was sent (or last renewed by
# inviting the email again); the purge removes it RESTORE_WINDOW_DAYS after it expired.
INVITATION_DAYS = 30
# Why a caller who can see a thing may not change it (a 403).
EDIT_FAMILY = "Only the family's owners and admins may do this."
OWNERS_ONLY = "Only an owner of the family may do this."
EDIT_OWNED = "Only its owner, or the family's owners and admins, may change it."
# Raised by the habits.check_family_has_owner trigger.
LAST_OWNER_CONSTRAINT = "family_needs_owner"

View = TypeVar("View", bound=Callable[..., Any])
T = TypeVar("T")
Explain = Callable[[], ApiError]


def refusal(role: str | None, thing: str, reason: str) -> ApiError:
    """404 when the caller cannot see the thing (role None), else 403 with the reason."""
    if role is None:
        return ApiError(404, f"No such {thing}.")
    return ApiError(403, reason)


def written(row: T | None, why: Explain) -> T:
    """What a write statement returned; when it returned nothing (it checks the caller's right
    itself), the answer `why` gives, asked for only then."""
    if row is None:
        raise why()
    return row


def denied(role_of: Callable[..., str | None], thing: str, reason: str, **key: Any) -> Explain:
    """The usual `why`: the caller's role in the thing (role_of, by its key) picks 404 or 403."""
    return lambda: refusal(role_of(customer_id=current_customer_id(), **key), thing, reason)


def keeps_an_owner(view: View) -> View:
    """Answer 409 when a change would leave a family without an owner (the database refuses
    it in a trigger, so a race between two owners leaving cannot get past it either)."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except pg_errors.RestrictViolation as exc:
            if exc.diag.constraint_name != LAST_OWNER_CONSTRAINT:
                raise
            raise ApiError(
                409,
                "A family needs an owner: make another member an owner first, "
                "or delete the family.",
                {"role": ["The last owner cannot leave or stop being an owner."]},
            ) from exc

    return guarded  # type: ignore[return-value]
