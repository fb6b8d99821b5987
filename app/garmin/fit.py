"""Garmin .FIT activity files: decode one with fitdecode, store it for a user.

decode_fit() turns the bytes of a file into a FitActivity, or raises FitRefused naming the
problem (truncated, corrupt, bad CRC, not an activity) before anything is stored. store_fit()
writes a decoded activity in four statements on the unit of work's connection: the activity, its
file identity, laps and GPS track in one (insert_fit_activity), the heart-rate samples by binary
COPY through the HR upload path, then its heart-rate load (update_activity_hr_loads). A file
whose identity the user already imported changes nothing and is reported as unchanged.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import fitdecode
from psycopg import errors as pg_errors
from psycopg.types.json import Jsonb

from app import db
from app.garmin import fit_queries
from app.garmin import training_queries as hr_queries
from app.http import dumps

# The limit for one file; Garmin's longest activity files stay well below it.
MAX_FILE_BYTES = 20 * 1024 * 1024
FIT_CONTENT_TYPE = "application/vnd.ant.fit"
SEMICIRCLE_DEGREES = 180 / 2**31
# heart_rate_samples' CHECK: a reading outside it is a sensor glitch, not a heart rate.
HR_RANGE = (20, 260)

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
_RECORD_FIELDS = frozenset(
    {"timestamp", "heart_rate", "position_lat", "position_long", "enhanced_altitude", "distance"}
)


class FitRefused(Exception):
    """A file that is not a storable activity; the message names the problem for the user."""


@dataclass
class FitActivity:
    """What one activity file holds, in the units of the tables (degrees, seconds, metres)."""

    file_name: str | None
    size_bytes: int
    content_sha256: bytes
    file_id: dict[str, Any]
    device: dict[str, Any]
    session: dict[str, Any]
    activity: dict[str, Any]
    laps: list[dict[str, Any]] = field(default_factory=list)
    record_count: int = 0
    # (time, bpm) of every record with a heart rate (in HR_RANGE), in file order.
    heart_rates: list[tuple[datetime, int]] = field(default_factory=list)
    # The GPS track in the shape the Garmin Connect translator stores: {"coordinates": [...]}.
    points: list[dict[str, Any]] = field(default_factory=list)

    @property
    def identity(self) -> str:
        """Device serial + time created (Garmin writes both in every file_id), else the hash."""
        serial, created = self.file_id.get("serial_number"), self.file_id.get("time_created")
        if serial is not None and isinstance(created, datetime):
            return f"{serial}/{created.isoformat()}"
        return f"sha256:{self.content_sha256.hex()}"

    def samples(self) -> list[tuple[datetime, int]]:
        """Every heart rate, in file order: a device that writes two records in the same
        second keeps both (upsert_hr_samples numbers them by seq)."""
        return self.heart_rates


def _degrees(semicircles: Any) -> float | None:
    return None if semicircles is None else round(semicircles * SEMICIRCLE_DEGREES, 7)


def _values(frame: fitdecode.FitDataMessage) -> dict[str, Any]:
    return {f.name: f.value for f in frame.fields if f.value is not None}


def _frames(data: bytes) -> Iterator[fitdecode.FitDataMessage]:
    """The data messages of a file, with every integrity problem raised as FitRefused."""
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA:
                    yield frame
    except fitdecode.FitEOFError:
        raise FitRefused(
            f"Truncated: the file ends after {len(data)} bytes, before the end of the data its"
            " header declares."
        ) from None
    except fitdecode.FitCRCError:
        raise FitRefused("Corrupt: a CRC check failed, the file's bytes are damaged.") from None
    except fitdecode.FitHeaderError:
        raise FitRefused("Corrupt: a FIT file header is missing or damaged.") from None
    except fitdecode.FitError:
        raise FitRefused("Corrupt: the file's FIT messages cannot be decoded.") from None


def decode_fit(data: bytes, file_name: str | None = None) -> FitActivity:
    """Decode and check a whole file; raise FitRefused for anything that is not an activity."""
    if not data:
        raise FitRefused("Empty: the file has no bytes.")
    if len(data) > MAX_FILE_BYTES:
        raise FitRefused(f"Too large: {len(data)} bytes, at most {MAX_FILE_BYTES}.")
    fit = FitActivity(file_name, len(data), hashlib.sha256(data).digest(), {}, {}, {}, {})
    for frame in _frames(data):
        name = frame.name
        if name == "record":
            _add_record(fit, frame)
        elif name == "lap":
            fit.laps.append(_values(frame))
        elif name == "file_id" and not fit.file_id:
            fit.file_id = _values(frame)
            # The first message says what the file is: stop reading a day of monitoring early.
            _require_activity(fit.file_id)
        elif name == "session" and not fit.session:
            fit.session = _values(frame)
        elif name == "activity" and not fit.activity:
            fit.activity = _values(frame)
        elif name == "device_info" and not fit.device:
            values = _values(frame)
            # The creator is the device that recorded the file (others are sensors).
            if values.get("device_index") in ("creator", 0):
                fit.device = values
    _require_activity(fit.file_id)
    if not fit.session or fit.session.get("start_time") is None:
        raise FitRefused("Not an activity: the file has no session with a start time.")
    return fit


def _require_activity(file_id: dict[str, Any]) -> None:
    kind = file_id.get("type")
    if kind != "activity":
        what = f"a {kind} file" if kind else "a file without a file_id message"
        raise FitRefused(f"Not an activity: this is {what}; only activity files are imported.")


def _add_record(fit: FitActivity, frame: fitdecode.FitDataMessage) -> None:
    fit.record_count += 1
    values = {f.name: f.value for f in frame.fields if f.name in _RECORD_FIELDS}
    moment, bpm = values.get("timestamp"), values.get("heart_rate")
    if not isinstance(moment, datetime):
        return
    if bpm is not None and HR_RANGE[0] <= bpm <= HR_RANGE[1]:
        fit.heart_rates.append((moment, bpm))
    lat, lon = values.get("position_lat"), values.get("position_long")
    if lat is not None and lon is not None:
        point = {
            "lat": _degrees(lat),
            "lon": _degrees(lon),
            "timestamp": int(moment.timestamp() * 1000),
            "elevation": values.get("enhanced_altitude"),
            "distance": values.get("distance"),
            "heartRate": bpm,
        }
        fit.points.append({k: v for k, v in point.items() if v is not None})


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
        activity_name=session.get("sport_profile_name") or (sport or "activity").replace("_", " "),
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
    payload = {
        "file": _file_row(fit),
        "activity": _activity_row(fit),
        "laps": _lap_rows(fit),
        "gps_data": {"coordinates": fit.points} if fit.points else None,
    }
    stored = fit_queries.insert_fit_activity(customer_id, Jsonb(payload, dumps=dumps))
    activity_id = stored["activity_id"]
    if stored["created"]:
        samples = fit.samples()
        if samples:
            hr_queries.create_hr_upload()
            hr_queries.copy_hr_upload(samples)
            hr_queries.ensure_hr_upload_partitions()
            hr_queries.upsert_hr_samples(customer_id, activity_id, False)
            fit_queries.drop_hr_upload()
        day = date.fromisoformat(payload["activity"]["calendar_date"])
        hr_queries.update_activity_hr_loads(customer_id, day, day)
    summary = json.loads(fit_queries.select_fit_import(customer_id, activity_id) or "null")
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
