"""Reading a .FIT file with Garmin's SDK (app.garmin.fit_decode decodes and checks the whole
file with it): the messages kept, raw values converted from the SDK's own profile, and, while it
reads, the file's identity and heart-rate samples for a SampleSink (app.garmin.fit stores them
as they arrive). Also what both decoders share: the refusal, the heart-rate range, a file's
identity and kind, the summary messages' conventions.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from garmin_fit_sdk import Decoder, Profile, Stream
from garmin_fit_sdk.fit import NUMERIC_FIELD_TYPES

# heart_rate_samples' CHECK: a reading outside it is a sensor glitch, not a heart rate.
HR_RANGE = (20, 260)


class FitRefused(Exception):
    """A file that is not a storable activity; the message names the problem for the user."""


class StreamAbandoned(Exception):
    """Garmin's SDK failed part-way through a file whose samples were already sent to a
    SampleSink: the caller undoes them and decodes again without streaming (fitdecode)."""


class SampleSink(Protocol):
    """Where decode_fit sends what it learns while it reads (app.garmin.fit stores it).

    identify() gets the file's identity as soon as its file_id is read and may raise to stop
    the decoding (a file already imported). send() gets the heart-rate samples in file order,
    in chunks, as the records arrive: FIT times (seconds since 1989-12-31 UTC), heart rates in
    HR_RANGE, and the time their elapsed seconds count from as far as known then (see origin
    in _sdk_read)."""

    sent: int

    def identify(self, identity: str) -> None: ...

    def send(self, fit_seconds: list[int], heart_rates: list[int], origin: int) -> None: ...


def file_identity(file_id: dict[str, Any], content_sha256: bytes) -> str:
    """Device serial + time created (Garmin writes both in every file_id), else the hash."""
    serial, created = file_id.get("serial_number"), file_id.get("time_created")
    if serial is not None and isinstance(created, datetime):
        return f"{serial}/{created.isoformat()}"
    return f"sha256:{content_sha256.hex()}"


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

Messages = dict[str, list[dict[str, Any]]]


def _sdk_messages(data: bytes, sink: SampleSink | None) -> tuple[Messages, bool] | None:
    """The messages as Garmin's SDK decodes them and whether their records are raw, or None
    for a file it cannot read, for fitdecode to try: the SDK does not read compressed timestamp
    headers (ANT-era Forerunners, some Coros watches), and a file either library reads is an
    activity to import.

    The SDK reads raw values here: its per-field conversions (enum names, scale and offset,
    dates) are two fifths of its time on the ~24,000 records of a long activity, of which four
    fields are stored. _converted() applies them, from the SDK's own profile, to the few summary
    messages kept, and _add_raw_records to the record fields stored. A file with packed record
    fields is read again with the SDK's component expansion, which needs its conversions (its
    samples, a record's timestamp and heart rate, are the same either way: already sent)."""
    messages = _sdk_read(data, raw=True, sink=sink)
    if messages is None:
        if sink is not None and sink.sent:
            raise StreamAbandoned
        return None
    if any(_PACKED_DISTANCE in r for r in messages["record"]):
        again = _sdk_read(data, raw=False, sink=None)
        return None if again is None else (again, False)
    return messages, True


# Samples sent to a sink at a time: small enough that PostgreSQL stores one while the decoder
# reads the next, large enough that a statement's cost is the rows'.
SINK_CHUNK = 1024
_RECORD_MESG_NUM = Profile["mesg_num"]["RECORD"]
_EVENT_MESG_NUM = Profile["mesg_num"]["EVENT"]
_TIMER_START = (Profile["types"]["event"], Profile["types"]["event_type"])


def _sdk_read(data: bytes, *, raw: bool, sink: SampleSink | None = None) -> Messages | None:
    kind_checked = False
    stopped: BaseException | None = None
    times: list[int] = []
    rates: list[int] = []
    # Where elapsed seconds will count from (the session's start, or the first sample when
    # earlier: see insert_fit_activity) as far as known when the first sample arrives: the
    # timer's start event or the first record before it. app.garmin.fit corrects the samples
    # in the rare file where the session says otherwise.
    origin: int | None = None
    first_sample_seen = False
    low, high = HR_RANGE
    dates_from = 0x10000000

    def listen(mesg_num: int, message: dict[str, Any]) -> None:
        # The SDK reports an exception raised here as the read's error and stops: `stopped`
        # keeps it, so that a refusal, a known file or a database error is raised as itself.
        nonlocal kind_checked, stopped, origin, first_sample_seen
        try:
            if mesg_num == _RECORD_MESG_NUM:
                if sink is None:
                    return
                seconds = message.get("timestamp")
                if type(seconds) is not int or seconds < dates_from:
                    return
                if not first_sample_seen and (origin is None or seconds < origin):
                    origin = seconds
                bpm = message.get("heart_rate")
                if type(bpm) is int and low <= bpm <= high:
                    first_sample_seen = True
                    times.append(seconds)
                    rates.append(bpm)
                    if len(times) == SINK_CHUNK:
                        sink.send(times.copy(), rates.copy(), origin)
                        times.clear()
                        rates.clear()
            elif mesg_num == _EVENT_MESG_NUM and sink is not None and not first_sample_seen:
                event, kind = message.get("event"), message.get("event_type")
                seconds = message.get("timestamp")
                if (
                    type(seconds) is int
                    and seconds >= dates_from
                    and (_TIMER_START[0].get(event), _TIMER_START[1].get(kind))
                    == ("timer", "start")
                    and (origin is None or seconds < origin)
                ):
                    origin = seconds
            elif mesg_num == _FILE_ID_MESG_NUM and not kind_checked:
                # The first message says what the file is: a day of monitoring stops here.
                kind_checked = True
                file_id = _converted("file_id", message) if raw else message
                _require_activity(file_id)
                if sink is not None:
                    sink.identify(
                        file_identity(_normalized(file_id), hashlib.sha256(data).digest())
                    )
        except BaseException as error:
            stopped = error
            raise

    messages, errors = Decoder(Stream.from_byte_array(data)).read(
        enable_crc_check=False,  # _check_integrity did
        expand_components=not raw,
        apply_scale_and_offset=not raw,
        convert_types_to_strings=not raw,
        convert_datetimes_to_dates=not raw,
        merge_heart_rates=False,  # a sample is a record that carries a heart rate
        mesg_listener=listen,
    )
    if stopped is not None:
        raise stopped
    if errors:
        return None
    if times and sink is not None and origin is not None:
        sink.send(times, rates, origin)
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
