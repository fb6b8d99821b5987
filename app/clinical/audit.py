"""The interaction log: every request that reaches a clinical view appends one access_log row.

A view declares what it does with @audited("patient.read") (under @auth_required); the patient
is the URL's patient_id, or the one a create made (record_patient). After the response is
decided, log_access() appends who, which patient, the action, the status code and the request
id. Flask runs a blueprint's after_request functions before the app's, and the app's commits:
on success the row commits with the request's work, and on an error (a 404 for another
clinician's patient, a 400, a 409) the error handler has already rolled the work back, so the
row is written in a fresh transaction on the same connection and committed alone. If the row
cannot be written the request fails with 500 and its work is rolled back: no clinical data is
read or changed without a log row. Requests refused before the view (401, 403) name no
clinician and are not logged here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from uuid import UUID

from flask import Response, g

from app.auth.access import current_auth, current_customer_id
from app.clinical import queries

View = TypeVar("View", bound=Callable[..., Any])


def audited(action: str) -> Callable[[View], View]:
    """Log every call of the view as `action` ("<resource>.<verb>"), failed calls too."""

    def mark(view: View) -> View:
        @wraps(view)
        def logged(*args: Any, **kwargs: Any) -> Any:
            g.clinical_action = action
            g.clinical_patient_id = kwargs.get("patient_id")
            return view(*args, **kwargs)

        return logged  # type: ignore[return-value]

    return mark


def record_patient(patient_id: UUID) -> None:
    """Name the patient a request created, which its URL could not."""
    g.clinical_patient_id = patient_id


def log_access(response: Response) -> Response:
    """The blueprint's after_request hook (see the module docstring)."""
    action = g.get("clinical_action")
    if action is None or "auth" not in g:
        return response
    queries.insert_access_log(
        customer_id=current_customer_id(),
        token_customer_id=current_auth().token_customer_id,
        patient_id=g.get("clinical_patient_id"),
        action=action,
        status_code=response.status_code,
        request_id=g.request_id,
    )
    return response
