"""Decoding Garmin .FIT activity files: decode_fit() turns the bytes of a file into a
FitActivity with Garmin's SDK (app.garmin.fit_sdk; fitdecode for the files it cannot read,
every CRC checked by anycrc), or raises FitRefused naming the problem (truncated, corrupt, bad
CRC, not an activity). app.garmin.fit stores what this returns, and what a SampleSink is told
while the SDK reads.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import anycrc
import fitdecode

from app.garmin.fit_sdk import (
    _FIT_DATES_FROM,
    _FIT_EPOCH,
    _MESSAGES,
    HR_RANGE,
    FitRefused,
    Messages,
    SampleSink,
    _field_profiles,
    _normalized,
    _require_activity,
    _sdk_messages,
    file_identity,
)
from app.training.samples import implausible_sample_time

# The limit for one file; Garmin's longest activity files stay well below it.
MAX_FILE_BYTES = 20 * 1024 * 1024
FIT_CONTENT_TYPE = "application/vnd.ant.fit"
SEMICIRCLE_DEGREES = 180 / 2**31


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
        return file_identity(self.file_id, self.content_sha256)

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
_HEADER_DAMAGED = "Corrupt: a FIT file header is missing or damaged."
_CRC_FAILED = "Corrupt: a CRC check failed, the file's bytes are damaged."
_UNDECODABLE = "Corrupt: the file's FIT messages cannot be decoded."


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


def decode_fit(
    data: bytes, file_name: str | None = None, sink: SampleSink | None = None
) -> FitActivity:
    """Decode and check a whole file; raise FitRefused for anything that is not an activity.
    A sink gets the file's identity and its samples while Garmin's SDK reads (see SampleSink);
    from fitdecode, which reads the files the SDK cannot, it gets the identity at the end and
    no samples (the caller sends FitActivity.heart_rates). Every CRC is checked first, over
    the whole file: a file damaged anywhere is refused before a sink hears of it."""
    if not data:
        raise FitRefused("Empty: the file has no bytes.")
    if len(data) > MAX_FILE_BYTES:
        raise FitRefused(f"Too large: {len(data)} bytes, at most {MAX_FILE_BYTES}.")
    _check_integrity(data)
    decoded = _sdk_messages(data, sink)
    if decoded is None:
        messages, raw_records = _fitdecode_messages(data), False
        if sink is not None and messages["file_id"]:
            file_id = _normalized(messages["file_id"][0])
            sink.identify(file_identity(file_id, hashlib.sha256(data).digest()))
    else:
        messages, raw_records = decoded
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
