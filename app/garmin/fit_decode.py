"""Decoding Garmin .FIT activity files: decode_fit() turns the bytes of a file into a
FitActivity with Garmin's SDK (fitdecode for the files it cannot read, every CRC checked by
anycrc), or raises FitRefused naming the problem (truncated, corrupt, bad CRC, not an activity)
before anything is stored. app.garmin.fit stores what this returns.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import anycrc
import fitdecode
from garmin_fit_sdk import Decoder, Profile, Stream
from garmin_fit_sdk.fit import NUMERIC_FIELD_TYPES

from app.training.samples import implausible_sample_time

# The limit for one file; Garmin's longest activity files stay well below it.
MAX_FILE_BYTES = 20 * 1024 * 1024
FIT_CONTENT_TYPE = "application/vnd.ant.fit"
SEMICIRCLE_DEGREES = 180 / 2**31
# heart_rate_samples' CHECK: a reading outside it is a sensor glitch, not a heart rate.
HR_RANGE = (20, 260)


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
# component expansion would make of them (records' altitude is done by _add_*records).
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


def _sdk_messages(data: bytes) -> tuple[Messages, bool] | None:
    """The messages as Garmin's SDK decodes them and whether their records are raw, or None
    for a file it cannot read, for fitdecode to try: the SDK does not read compressed timestamp
    headers (ANT-era Forerunners, some Coros watches), and a file either library reads is an
    activity to import.

    The SDK reads raw values here: its per-field conversions (enum names, scale and offset,
    dates) are two fifths of its time on the ~24,000 records of a long activity, of which four
    fields are stored. _converted() applies them, from the SDK's own profile, to the few summary
    messages kept, and _add_raw_records to the record fields stored. A file with packed record
    fields is read again with the SDK's component expansion, which needs its conversions."""
    messages = _sdk_read(data, raw=True)
    if messages is None:
        return None
    if any(_PACKED_DISTANCE in r for r in messages["record"]):
        again = _sdk_read(data, raw=False)
        return None if again is None else (again, False)
    return messages, True


def _sdk_read(data: bytes, *, raw: bool) -> Messages | None:
    kind_checked = False

    def stop_unless_activity(mesg_num: int, message: dict[str, Any]) -> None:
        # The first message says what the file is: a day of monitoring stops here. The SDK
        # reports an exception raised here as the read's error.
        nonlocal kind_checked
        if mesg_num == _FILE_ID_MESG_NUM and not kind_checked:
            kind_checked = True
            _require_activity(_converted("file_id", message) if raw else message)

    messages, errors = Decoder(Stream.from_byte_array(data)).read(
        enable_crc_check=False,  # _check_integrity did
        expand_components=not raw,
        apply_scale_and_offset=not raw,
        convert_types_to_strings=not raw,
        convert_datetimes_to_dates=not raw,
        merge_heart_rates=False,  # a sample is a record that carries a heart rate
        mesg_listener=stop_unless_activity,
    )
    if errors:
        if isinstance(errors[0], FitRefused):
            raise errors[0]
        return None
    found = {name: messages.get(f"{name}_mesgs", []) for name in _MESSAGES}
    if raw:
        for name in _MESSAGES:
            if name != "record":
                found[name] = [_converted(name, message) for message in found[name]]
    return found


# A message's field name (sub-fields too) -> (type, scale, offset), from the SDK's profile.
FieldProfiles = dict[str | int, tuple[str, float, float]]
_FIELD_PROFILES: dict[str, FieldProfiles] = {}


def _field_profiles(name: str) -> FieldProfiles:
    """The profile of a message's fields by name, as the SDK's conversions use it: a field
    with several scales (one per component) keeps its raw value."""
    if name not in _FIELD_PROFILES:
        profiles: FieldProfiles = {}
        fields = Profile["messages"][Profile["mesg_num"][name.upper()]]["fields"]
        for field_profile in fields.values():
            for one in (field_profile, *field_profile["sub_fields"]):
                scales, offsets = one["scale"], one["offset"]
                scale = scales[0] if len(scales) == 1 else 1
                offset = offsets[0] if len(scales) == 1 and offsets else 0
                profiles.setdefault(one["name"], (one["type"], scale, offset))
        _FIELD_PROFILES[name] = profiles
    return _FIELD_PROFILES[name]


def _converted(name: str, message: dict[str, Any]) -> dict[str, Any]:
    """A raw message's values as the SDK converts them (its order: the enum's name, then scale
    and offset for a number, then a date for a date_time); arrays stay raw, as nothing stored
    is one (see _normalized)."""
    profiles, types = _field_profiles(name), Profile["types"]
    values = {}
    for key, raw in message.items():
        value = raw
        if key in profiles and not isinstance(raw, list):
            kind, scale, offset = profiles[key]
            if kind in types:
                value = types[kind].get(raw, raw)
            if kind in NUMERIC_FIELD_TYPES:
                value = (raw / scale if scale != 1 else raw) - offset
            if kind == "date_time":
                value = _FIT_EPOCH + timedelta(seconds=raw)
        values[key] = value
    return values


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
    decoded = _sdk_messages(data)
    messages, raw_records = decoded if decoded else (_fitdecode_messages(data), False)
    return _activity(data, file_name, messages, raw_records)


def _activity(
    data: bytes, file_name: str | None, messages: Messages, raw_records: bool = False
) -> FitActivity:
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
    if raw_records:
        _add_raw_records(fit, messages["record"])
    else:
        _add_records(fit, messages["record"])
    if not isinstance(fit.session.get("start_time"), datetime):
        raise FitRefused("Not an activity: the file has no session with a start time.")
    _require_plausible_times(fit)
    return fit


def _require_plausible_times(fit: FitActivity) -> None:
    """A clock that was never set, or set to the far future, is refused: its samples would
    make heart-rate months that retention never reaches (the database refuses them too)."""
    times = [fit.session["start_time"]]
    if fit.heart_rates:
        times += [min(t for t, _ in fit.heart_rates), max(t for t, _ in fit.heart_rates)]
    for moment in times:
        problem = implausible_sample_time(moment)
        if problem:
            raise FitRefused(f"Implausible time: {moment.isoformat()} {problem}")


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


def _add_raw_records(fit: FitActivity, records: list[dict[str, Any]]) -> None:
    """_add_records for the SDK's raw records: the same values, the SDK's conversions applied
    to the fields stored only (timestamp a date_time, elevation and distance scaled)."""
    fit.record_count += len(records)
    low, high = HR_RANGE
    heart_rates, points = fit.heart_rates, fit.points
    profiles = _field_profiles("record")
    scales = {name: profiles[name][1:] for name in ("altitude", "enhanced_altitude", "distance")}
    epoch_ms, dates_from = int(_FIT_EPOCH.timestamp()) * 1000, 0x10000000
    for record in records:
        seconds = record.get("timestamp")
        if type(seconds) is not int or seconds < dates_from:
            continue
        bpm = record.get("heart_rate")
        if type(bpm) is not int:
            bpm = None
        elif low <= bpm <= high:
            heart_rates.append((_FIT_EPOCH + timedelta(seconds=seconds), bpm))
        lat, lon = record.get("position_lat"), record.get("position_long")
        if type(lat) is not int or type(lon) is not int:
            continue
        point = {
            "lat": round(lat * SEMICIRCLE_DEGREES, 7),
            "lon": round(lon * SEMICIRCLE_DEGREES, 7),
            "timestamp": epoch_ms + seconds * 1000,
        }
        name = "enhanced_altitude" if "enhanced_altitude" in record else "altitude"
        elevation = record.get(name)
        if type(elevation) is int:
            scale, offset = scales[name]
            point["elevation"] = (elevation / scale if scale != 1 else elevation) - offset
        distance = record.get("distance")
        if type(distance) is int:
            scale, offset = scales["distance"]
            point["distance"] = (distance / scale if scale != 1 else distance) - offset
        if bpm is not None:
            point["heartRate"] = bpm
        points.append(point)
