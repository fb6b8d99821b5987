"""Garmin .FIT activity files: import one for a user (decoded by app.garmin.fit_decode).

store_fit()
writes a decoded activity on the unit of work's connection: its heart-rate samples by binary COPY
into the HR upload table, then the activity, its file identity, laps, GPS track and samples in
one statement (insert_fit_activity), then its heart-rate load (update_activity_hr_loads). A file
whose identity the user already imported changes nothing and is reported as unchanged.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from psycopg import errors as pg_errors

from app import db
from app.garmin import fit_queries
from app.garmin.fit_decode import (
    HR_RANGE,
    SEMICIRCLE_DEGREES,
    FitActivity,
    FitRefused,
    decode_fit,
)
from app.params import jsonb
from app.training import queries as training_queries

# session message field -> activities column
_SESSION_COLUMNS = {
    "total_timer_time": "activity_duration",
    "total_elapsed_time": "activity_elapsed_duration",
    "total_distance": "activity_distance",
    "total_calories": "activity_calories",
    "total_ascent": "activity_elevation_gain",
    "total_descent": "activity_elevation_loss",
    "enhanced_avg_speed": "activity_average_speed",
    "avg_heart_rate": "activity_average_hr",
    "max_heart_rate": "activity_max_hr",
    "avg_power": "avg_power",
    "max_power": "max_power",
    "normalized_power": "normalized_power",
    "avg_cadence": "avg_cadence",
    "max_cadence": "max_cadence",
    "avg_running_cadence": "avg_cadence",
    "max_running_cadence": "max_cadence",
    "avg_vertical_oscillation": "avg_vertical_oscillation",
    "avg_stance_time": "avg_ground_contact_time",
    "total_training_effect": "activity_aerobic_training_effect",
    "total_anaerobic_training_effect": "activity_anaerobic_training_effect",
}
# lap message field -> activity_laps column
_LAP_COLUMNS = {
    "total_elapsed_time": "elapsed_seconds",
    "total_timer_time": "timer_seconds",
    "total_distance": "distance_meters",
    "total_calories": "calories",
    "avg_heart_rate": "average_hr",
    "max_heart_rate": "max_hr",
    "enhanced_avg_speed": "average_speed",
    "enhanced_max_speed": "max_speed",
    "avg_cadence": "average_cadence",
    "max_cadence": "max_cadence",
    "avg_running_cadence": "average_cadence",
    "max_running_cadence": "max_cadence",
    "avg_power": "average_power",
    "max_power": "max_power",
    "total_ascent": "total_ascent",
    "total_descent": "total_descent",
    "intensity": "intensity",
    "lap_trigger": "lap_trigger",
}


def _degrees(semicircles: Any) -> float | None:
    return None if semicircles is None else round(semicircles * SEMICIRCLE_DEGREES, 7)


def _columns(
    message: dict[str, Any], names: dict[str, str], heart_rates: tuple[str, ...]
) -> dict[str, Any]:
    """A message's fields as table columns. A heart rate outside HR_RANGE (0 for a lap without
    a strap) is no reading: left out rather than refusing the whole file on the column's CHECK."""
    row = {column: message[key] for key, column in names.items() if key in message}
    for column in heart_rates:
        if column in row and not HR_RANGE[0] <= row[column] <= HR_RANGE[1]:
            del row[column]
    return row


def _activity_row(fit: FitActivity) -> dict[str, Any]:
    session = fit.session
    start: datetime = session["start_time"]
    # The activity message's local_timestamp is the device's wall clock at its timestamp.
    local, utc = fit.activity.get("local_timestamp"), fit.activity.get("timestamp")
    offset = None
    if isinstance(local, datetime) and isinstance(utc, datetime):
        offset = local.replace(tzinfo=None) - utc.replace(tzinfo=None)
        if abs(offset) > timedelta(hours=14):
            offset = None
    row = _columns(session, _SESSION_COLUMNS, ("activity_average_hr", "activity_max_hr"))
    bpms = [bpm for _, bpm in fit.heart_rates]
    if bpms:  # older watches leave the session's heart-rate summary empty
        row.setdefault("activity_average_hr", round(sum(bpms) / len(bpms)))
        row.setdefault("activity_max_hr", max(bpms))
    sport = session.get("sport")
    end_lat = session.get("end_position_lat")
    end_lon = session.get("end_position_long")
    last = fit.points[-1] if fit.points else {}
    row.update(
        calendar_date=(start + (offset or timedelta())).date().isoformat(),
        activity_type=sport,
        # str(): a sport newer than the decoder's profile is its number
        activity_name=session.get("sport_profile_name")
        or str(sport or "activity").replace("_", " "),
        activity_start_time=start.isoformat(),
        time_offset=None if offset is None else f"{int(offset.total_seconds())} seconds",
        activity_start_latitude=_degrees(session.get("start_position_lat")),
        activity_start_longitude=_degrees(session.get("start_position_long")),
        activity_end_latitude=_degrees(end_lat) if end_lat is not None else last.get("lat"),
        activity_end_longitude=_degrees(end_lon) if end_lon is not None else last.get("lon"),
    )
    return row


def _lap_rows(fit: FitActivity) -> list[dict[str, Any]]:
    rows = []
    for index, lap in enumerate(fit.laps):
        start, end = lap.get("start_time"), lap.get("timestamp")
        if not isinstance(start, datetime):
            continue
        row = _columns(lap, _LAP_COLUMNS, ("average_hr", "max_hr"))
        row.update(
            lap_index=index,
            start_time=start.isoformat(),
            end_time=end.isoformat() if isinstance(end, datetime) else None,
            start_latitude=_degrees(lap.get("start_position_lat")),
            start_longitude=_degrees(lap.get("start_position_long")),
            end_latitude=_degrees(lap.get("end_position_lat")),
            end_longitude=_degrees(lap.get("end_position_long")),
        )
        rows.append(row)
    return rows


def _name(*candidates: Any) -> str | None:
    """The first value given, as text: fitdecode names known enums ('garmin', 'fenix5') and
    leaves the numbers of unknown ones (a product newer than its profile)."""
    return next((str(c) for c in candidates if c is not None and c != ""), None)


def _file_row(fit: FitActivity) -> dict[str, Any]:
    file_id, device = fit.file_id, fit.device
    created = file_id.get("time_created")
    return {
        "file_identity": fit.identity,
        "content_sha256": fit.content_sha256.hex(),
        "file_name": fit.file_name,
        "size_bytes": fit.size_bytes,
        "serial_number": file_id.get("serial_number"),
        "time_created": created.isoformat() if isinstance(created, datetime) else None,
        "manufacturer": _name(file_id.get("manufacturer"), device.get("manufacturer")),
        "product": _name(
            file_id.get("garmin_product"), file_id.get("product"), device.get("garmin_product")
        ),
        "software_version": device.get("software_version"),
        "record_count": fit.record_count,
        "hr_record_count": len(fit.heart_rates),
        "gps_point_count": len(fit.points),
    }


def store_fit(fit: FitActivity, customer_id: int) -> tuple[str, dict[str, Any]]:
    """Store a decoded activity for a user: ("imported" | "unchanged", the stored import)."""
    payload = {"file": _file_row(fit), "activity": _activity_row(fit), "laps": _lap_rows(fit)}
    samples = fit.samples()
    # The samples are COPYed before the one statement that writes everything, so that it can
    # write them to the activity it creates (a re-uploaded file's COPY, ~15 ms for a 1 MB file,
    # is the price of that one statement).
    training_queries.create_hr_upload()
    training_queries.copy_hr_upload(samples)
    if samples:
        training_queries.ensure_hr_upload_partitions()
    stored = fit_queries.insert_fit_activity(
        customer_id=customer_id,
        fit=jsonb(payload),
        track=jsonb({"coordinates": fit.points}) if fit.points else None,
    )
    fit_queries.drop_hr_upload()
    activity_id = stored["activity_id"]
    if stored["created"]:
        day = date.fromisoformat(payload["activity"]["calendar_date"])
        training_queries.update_activity_hr_loads(
            customer_id=customer_id, start_date=day, end_date=day
        )
    summary = json.loads(
        fit_queries.select_fit_import(customer_id=customer_id, activity_id=activity_id) or "null"
    )
    return ("imported" if stored["created"] else "unchanged"), summary


def import_fit(data: bytes, file_name: str | None, customer_id: int) -> dict[str, Any]:
    """Decode and store one file in its own savepoint: a refused file leaves nothing behind and
    does not undo the other files of the same request. Returns the file's result."""
    try:
        fit = decode_fit(data, file_name)
        with db.connection().transaction():
            status, activity = store_fit(fit, customer_id)
    except FitRefused as refused:
        return {
            "file_name": file_name,
            "status": "refused",
            "activity": None,
            "error": str(refused),
        }
    except (pg_errors.CheckViolation, pg_errors.DataError):
        # A value the decoder accepted but a table's CHECK does not (a training effect over
        # 5 from a faulty device): the savepoint already undid this file's rows.
        return {
            "file_name": file_name,
            "status": "refused",
            "activity": None,
            "error": "Out of range: a value in the file breaks a rule of the stored data.",
        }
    return {"file_name": file_name, "status": status, "activity": activity, "error": None}


def fit_files_under(folder: Path) -> list[Path]:
    """Every .FIT file below a folder (any letter case), as a Garmin device's Activity/ holds."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".fit")
