"""/api/v1/garmin/fit: import Garmin .FIT activity files for the acting user, and read one back.

A blueprint of its own on the garmin database, so the upload's body limit (MAX_FILE_BYTES a file)
applies to these routes only and every other route keeps MAX_CONTENT_LENGTH.
"""

from __future__ import annotations

from typing import Any

from flask import request
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from app.auth.access import answers_health_data, auth_required, current_customer_id
from app.garmin import fit_queries
from app.garmin.fit import import_fit
from app.garmin.fit_decode import FIT_CONTENT_TYPE, MAX_FILE_BYTES
from app.garmin.fit_schemas import FitImportSchema, FitUploadQuerySchema, FitUploadResultSchema
from app.http import (
    ApiBlueprint,
    ApiError,
    RawJSON,
    accepts,
    api_ok,
    envelope,
    found,
    register_constraint,
)
from app.schemas import ActingSchema

# A multipart upload may carry several files, each at most MAX_FILE_BYTES.
MAX_FILES = 20
MAX_UPLOAD_BYTES = 5 * MAX_FILE_BYTES

blp = ApiBlueprint(
    "garmin_fit",
    __name__,
    database="garmin",
    url_prefix="/api/v1/garmin",
    description="Garmin .FIT activity files: heart rate, GPS track and laps of each activity.",
)

# Two requests importing the same new file at once meet this key; the later one answers
# unchanged with the earlier one's import (app.garmin.fit._store). This answer is for a clash
# whose row that lookup still cannot see: a 409, to send the file again.
register_constraint(
    "fit_files_identity_key", "file", "This file is being imported right now; send it again."
)


@blp.before_request
def _upload_limit() -> None:
    # Flask checks the body against this request's limit when the body is first read. A raw
    # body is one file; a form may hold several, each checked against MAX_FILE_BYTES below.
    multipart = request.mimetype == "multipart/form-data"
    request.max_content_length = MAX_UPLOAD_BYTES if multipart else MAX_FILE_BYTES


def _too_large(what: str | None, limit: int = MAX_FILE_BYTES) -> ApiError:
    return ApiError(
        413,
        f"{what or 'The file'} is larger than {limit} bytes; nothing was imported.",
        {"file": [f"At most {MAX_FILE_BYTES} bytes a file, {MAX_UPLOAD_BYTES} a form."]},
    )


def _read(storage: FileStorage) -> bytes:
    data = storage.stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(storage.filename)
    return data


def _uploaded_files(file_name: str | None) -> list[tuple[str | None, bytes]]:
    """(name, bytes) of each file sent: the form's `file` fields, or the raw body."""
    if request.mimetype == "multipart/form-data":
        try:
            storages = request.files.getlist("file")
        except RequestEntityTooLarge:
            raise _too_large("The form", MAX_UPLOAD_BYTES) from None
        if len(storages) > MAX_FILES:
            raise ApiError(
                400,
                "Invalid input: see data.errors for each field.",
                {"file": [f"At most {MAX_FILES} files a request."]},
            )
        files = [(storage.filename or None, _read(storage)) for storage in storages]
    else:
        try:
            body = request.get_data(cache=False)
        except RequestEntityTooLarge:
            raise _too_large(file_name) from None
        files = [(file_name, body)] if body else []
    if not files:
        raise ApiError(
            400,
            "Invalid input: see data.errors for each field.",
            {"file": [f"Send .FIT files in the form field 'file', or one as {FIT_CONTENT_TYPE}."]},
        )
    return files


@blp.route("/fit", methods=["POST"])
@accepts("multipart/form-data", FIT_CONTENT_TYPE)
@auth_required
@blp.arguments(FitUploadQuerySchema, location="query")
@blp.response(200, envelope(FitUploadResultSchema))
@blp.doc(
    requestBody={
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                    "required": ["file"],
                }
            },
            FIT_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}},
        },
    },
    responses={
        "413": {"description": f"A file over {MAX_FILE_BYTES} bytes."},
        "422": {"description": "Every file refused: truncated, corrupt, or not an activity."},
    },
)
@answers_health_data
def upload_fit(args):
    """Import .FIT activity files: activity, heart-rate samples, GPS track and laps.

    Each file is imported on its own; re-sending a file already imported (same device serial
    and time created) changes nothing and answers `unchanged`. When every file is refused the
    answer is a 422 naming each file's problem.
    """
    customer_id = current_customer_id()
    results = [
        import_fit(data, name, customer_id) for name, data in _uploaded_files(args.get("file_name"))
    ]
    counts = {
        s: sum(r["status"] == s for r in results) for s in ("imported", "unchanged", "refused")
    }
    if counts["refused"] == len(results):
        errors: dict[str, Any] = {}
        for index, result in enumerate(results):
            errors.setdefault(result["file_name"] or f"file {index + 1}", []).append(
                result["error"]
            )
        first = results[0]
        message = (
            f"{first['file_name'] or 'The file'} was refused: {first['error']}"
            if len(results) == 1
            else "No file was imported: see data.errors for each file."
        )
        raise ApiError(422, message, errors)
    message = ", ".join(f"{n} {s}" for s, n in counts.items())
    return api_ok({"items": results, **counts}, f"FIT files: {message}")


@blp.route("/fit/<int:activity_id>", methods=["GET"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(FitImportSchema))
def fit_import(args, activity_id: int):
    """One activity you imported from a .FIT file: file, device, summary, load, laps."""
    text = found(
        fit_queries.select_fit_import(customer_id=current_customer_id(), activity_id=activity_id),
        f"imported activity {activity_id}",
    )
    return api_ok(RawJSON(text), f"Retrieved imported activity {activity_id}")
