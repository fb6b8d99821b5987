"""Garmin .FIT activity files: decode one with Garmin's SDK (fitdecode for the files it cannot
read), store it for a user.

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
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import anycrc
import fitdecode
from garmin_fit_sdk import Decoder, Profile, Stream
from psycopg import errors as pg_errors
from psycopg.types.json import Jsonb

from app import db
from app.garmin import fit_queries
from app.http import dumps
from app.training import queries as training_queries

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


# --- decoding ---------------------------------------------------------------------------------
# Garmin's SDK decodes a whole message with one struct.unpack and is ~3x faster than fitdecode,
# which reads and CRCs field by field; fitdecode stays for the files the SDK cannot read.
# Both CRC loops are per-byte Python, so the CRCs are checked here by anycrc (C) instead, and the
# SDK's component expansion (half its remaining time) is replaced by the few fields stored.

_CRC16_ARC = anycrc.Model("CRC16-ARC")  # the FIT CRC: CRC-16/ARC, check value 0xbb3d
_FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
# A date_time below 0x10000000 counts seconds since the device powered on, not a date (FIT
# profile); fitdecode leaves those as numbers, and so does this module for the SDK's values.
_FIT_DATES_FROM = _FIT_EPOCH + timedelta(seconds=0x10000000)
_FILE_ID_MESG_NUM = Profile["mesg_num"]["FILE_ID"]
# The messages read, by fitdecode's names (the SDK's keys add "_mesgs").
_MESSAGES = ("file_id", "device_info", "session", "activity", "lap", "record")
# Fields with a component of the same scale and offset that newer devices write directly: what
# component expansion would make of them (records' altitude is done in _add_records).
_EXPANDED = (("avg_speed", "enhanced_avg_speed"), ("max_speed", "enhanced_max_speed"))
# A record field packing speed and distance (devices before ~2010): it needs component expansion.
_PACKED_DISTANCE = "compressed_speed_distance"

_HEADER_DAMAGED = "Corrupt: a FIT file header is missing or damaged."
_CRC_FAILED = "Corrupt: a CRC check failed, the file's bytes are damaged."
_UNDECODABLE = "Corrupt: the file's FIT messages cannot be decoded."

Messages = dict[str, list[dict[str, Any]]]


def _check_integrity(data: bytes) -> None:
    """Check every FIT file of the stream (a device may chain several, e.g. an activity and its
    settings) against the length its header declares, the header's CRC and the file's CRC."""
    view = memoryview(data)
    start = 0
    while start < len(data):
        size = data[start]
        header = view[start : start + size]
        if size not in (12, 14) or len(header) < size or header[8:12] != b".FIT":
            raise FitRefused(_HEADER_DAMAGED)
        header_crc = int.from_bytes(header[12:14], "little")  # 0 or absent: not computed
        if header_crc and header_crc != _CRC16_ARC.calc(header[:12]):
            raise FitRefused(_CRC_FAILED)
        end = start + size + int.from_bytes(header[4:8], "little")
        if end + 2 > len(data):
            raise FitRefused(
                f"Truncated: the file ends after {len(data)} bytes, before the end of the data"
                " its header declares."
            )
        if _CRC16_ARC.calc(view[start:end]) != int.from_bytes(view[end : end + 2], "little"):
            raise FitRefused(_CRC_FAILED)
        start = end + 2


def _sdk_messages(data: bytes, *, expand: bool) -> Messages | None:
    """The messages as Garmin's SDK decodes them, or None for a file it cannot read, for
    fitdecode to try: the SDK does not read compressed timestamp headers (ANT-era Forerunners,
    some Coros watches), and a file either library reads is an activity to import."""
    kind_checked = False

    def stop_unless_activity(mesg_num: int, message: dict[str, Any]) -> None:
        # The first message says what the file is: a day of monitoring stops here. The SDK
        # reports an exception raised here as the read's error.
        nonlocal kind_checked
        if mesg_num == _FILE_ID_MESG_NUM and not kind_checked:
            kind_checked = True
            _require_activity(message)

    messages, errors = Decoder(Stream.from_byte_array(data)).read(
        enable_crc_check=False,  # _check_integrity did
        expand_components=expand,
        merge_heart_rates=False,  # a sample is a record that carries a heart rate
        mesg_listener=stop_unless_activity,
    )
    if errors:
        if isinstance(errors[0], FitRefused):
            raise errors[0]
        return None
    return {name: messages.get(f"{name}_mesgs", []) for name in _MESSAGES}


def _fitdecode_messages(data: bytes) -> Messages:
    """The messages as fitdecode decodes them (CRCs already checked), in the SDK's shape."""
    messages: Messages = {name: [] for name in _MESSAGES}
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.DISABLED,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA or frame.name not in messages:
                    continue
                values = {f.name: f.value for f in frame.fields if f.value is not None}
                if frame.name == "file_id" and not messages["file_id"]:
                    _require_activity(values)
                messages[frame.name].append(values)
    except FitRefused:
        raise
    except Exception:  # fitdecode fails on hostile bytes with asserts, TypeErrors and more
        raise FitRefused(_UNDECODABLE) from None
    return messages


def _normalized(message: dict[str, Any]) -> dict[str, Any]:
    """A summary message's values with fitdecode's conventions, whichever library decoded it:
    relative times as seconds, local_timestamp as a datetime, enhanced fields filled in. A field
    decoded as an array (a definition that gives a one-value field several) is no value: every
    field stored is a single one."""
    values = {}
    for key, value in message.items():
        if isinstance(value, list | tuple):
            continue
        if isinstance(value, datetime) and value < _FIT_DATES_FROM:
            value = int((value - _FIT_EPOCH).total_seconds())
        values[key] = value
    local = values.get("local_timestamp")
    if isinstance(local, int):  # the SDK leaves local_date_time as a number
        values["local_timestamp"] = _FIT_EPOCH + timedelta(seconds=local)
    for base, enhanced in _EXPANDED:
        if base in values:
            values.setdefault(enhanced, values[base])
    return values


def decode_fit(data: bytes, file_name: str | None = None) -> FitActivity:
    """Decode and check a whole file; raise FitRefused for anything that is not an activity."""
    if not data:
        raise FitRefused("Empty: the file has no bytes.")
    if len(data) > MAX_FILE_BYTES:
        raise FitRefused(f"Too large: {len(data)} bytes, at most {MAX_FILE_BYTES}.")
    _check_integrity(data)
    messages = _sdk_messages(data, expand=False)
    if messages is not None and any(_PACKED_DISTANCE in r for r in messages["record"]):
        messages = _sdk_messages(data, expand=True)
    if messages is None:
        messages = _fitdecode_messages(data)
    return _activity(data, file_name, messages)


def _activity(data: bytes, file_name: str | None, messages: Messages) -> FitActivity:
    """The FitActivity of a file's decoded messages (the first of each summary message)."""

    def first(name: str) -> dict[str, Any]:
        return _normalized(messages[name][0]) if messages[name] else {}

    fit = FitActivity(file_name, len(data), hashlib.sha256(data).digest(), {}, {}, {}, {})
    fit.file_id = first("file_id")
    _require_activity(fit.file_id)
    fit.session, fit.activity = first("session"), first("activity")
    fit.laps = [_normalized(lap) for lap in messages["lap"]]
    # The creator is the device that recorded the file (others are sensors).
    fit.device = next(
        (
            _normalized(device)
            for device in messages["device_info"]
            if device.get("device_index") in ("creator", 0)
        ),
        {},
    )
    _add_records(fit, messages["record"])
    if not isinstance(fit.session.get("start_time"), datetime):
        raise FitRefused("Not an activity: the file has no session with a start time.")
    return fit


def _require_activity(file_id: dict[str, Any]) -> None:
    kind = file_id.get("type")
    if kind != "activity":
        if not file_id:
            what = "a file without a file_id message"
        elif isinstance(kind, str | int):
            what = f"a {kind} file"
        else:  # absent, or an array from a damaged definition
            what = "a file whose file_id has no type"
        raise FitRefused(f"Not an activity: this is {what}; only activity files are imported.")


def _add_records(fit: FitActivity, records: list[dict[str, Any]]) -> None:
    """Heart rates and GPS points of the records: the one loop over every record, kept lean."""
    fit.record_count += len(records)
    low, high = HR_RANGE
    heart_rates, points = fit.heart_rates, fit.points
    # Values of another type than the profile's (an array from a damaged definition) are none.
    for record in records:
        moment = record.get("timestamp")
        if not isinstance(moment, datetime) or moment < _FIT_DATES_FROM:
            continue
        bpm = record.get("heart_rate")
        if type(bpm) is not int:
            bpm = None
        elif low <= bpm <= high:
            heart_rates.append((moment, bpm))
        lat, lon = record.get("position_lat"), record.get("position_long")
        if type(lat) is not int or type(lon) is not int:
            continue
        point = {
            "lat": round(lat * SEMICIRCLE_DEGREES, 7),
            "lon": round(lon * SEMICIRCLE_DEGREES, 7),
            "timestamp": int(moment.timestamp() * 1000),
        }
        # altitude's component enhanced_altitude has its scale and offset: the same metres
        elevation = record.get("enhanced_altitude", record.get("altitude"))
        if isinstance(elevation, float | int):
            point["elevation"] = elevation
        distance = record.get("distance")
        if isinstance(distance, float | int):
            point["distance"] = distance
        if bpm is not None:
            point["heartRate"] = bpm
        points.append(point)


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
            training_queries.create_hr_upload()
            training_queries.copy_hr_upload(samples)
            training_queries.ensure_hr_upload_partitions()
            training_queries.upsert_hr_samples(
                customer_id=customer_id, activity_id=activity_id, replace=False
            )
            fit_queries.drop_hr_upload()
        day = date.fromisoformat(payload["activity"]["calendar_date"])
        training_queries.update_activity_hr_loads(
            customer_id=customer_id, start_date=day, end_date=day
        )
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
