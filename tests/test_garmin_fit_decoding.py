""".FIT decoding: Garmin's SDK with the CRCs checked by anycrc, fitdecode for what the SDK cannot
read, and both giving the same stored rows; a real file over 1 MB imports whole."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fitdecode
import pytest
from garmin_fit_sdk import CrcCalculator, Decoder, Encoder, Profile, Stream

from app.garmin import fit, fit_decode, fit_sdk
from tests.garmin_training_helpers import call, ok
from tests.test_garmin_fit import patched

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "fit"
OWN = Path(__file__).resolve().parent / "fixtures" / "fit"
LARGE = OWN / "activity-large-fenxi2-multisport.fit"
ACTIVITIES = [
    SHARED / "garmin-fenix-5-run.fit",
    SHARED / "garmin-fenix-5-bike.fit",
    SHARED / "garmin-edge-500-activity.fit",
    SHARED / "activity-small-fenix2-run.fit",
    LARGE,
]
# Single FIT files (not chained), so their CRC is the last two bytes.
SINGLE = [*ACTIVITIES, SHARED / "MonitoringFile.fit", SHARED / "WeightScaleSingleUser.fit"]


def fitdecode_records(path: Path) -> list[dict]:
    """The file's record messages, decoded here by fitdecode on its own (not by the app)."""
    with fitdecode.FitReader(str(path)) as reader:
        return [
            {f.name: f.value for f in frame.fields}
            for frame in reader
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "record"
        ]


def stored(activity: fit_decode.FitActivity) -> tuple:
    """Everything store_fit writes of a decoded file."""
    return (
        fit._file_row(activity),
        fit._activity_row(activity),
        fit._lap_rows(activity),
        activity.points,
        activity.samples(),
    )


def with_crc(data: bytearray) -> bytes:
    """The bytes with their file CRC made right again (by fitdecode's own CRC)."""
    data[-2:] = fitdecode.utils.compute_crc(data, end=len(data) - 2).to_bytes(2, "little")
    return bytes(data)


def refusal(data: bytes) -> str:
    with pytest.raises(fit_decode.FitRefused) as refused:
        fit_decode.decode_fit(data)
    return str(refused.value)


def test_crc16_arc_is_the_fit_crc():
    assert fit_decode._CRC16_ARC.calc(b"123456789") == 0xBB3D  # CRC-16/ARC's check value
    for path in SINGLE:
        data = path.read_bytes()
        body = data[:-2]
        stored_crc = int.from_bytes(data[-2:], "little")
        assert fit_decode._CRC16_ARC.calc(body) == stored_crc, path.name
        assert fitdecode.utils.compute_crc(body) == stored_crc, path.name
        assert CrcCalculator.calculate_crc(bytearray(body), 0, len(body)) == stored_crc


@pytest.mark.parametrize("path", ACTIVITIES, ids=lambda p: p.name)
def test_the_sdk_and_fitdecode_store_the_same(path):
    data = path.read_bytes()
    fast = fit_decode.decode_fit(data, path.name)
    fit_decode._check_integrity(data)
    slow = fit_decode._activity(data, path.name, fit_decode._fitdecode_messages(data))
    assert stored(fast) == stored(slow)
    assert fast.record_count == slow.record_count == len(fitdecode_records(path))
    assert fast.heart_rates == slow.heart_rates
    assert fast.heart_rates  # the comparison is not between two empty tracks


@pytest.mark.parametrize("path", ACTIVITIES, ids=lambda p: p.name)
def test_raw_values_converted_from_the_profile_are_the_sdks_own(path):
    # decode_fit reads raw values and converts only what it keeps: the SDK converting
    # every field itself must give the same activity, field for field.
    data = path.read_bytes()
    fast = fit_decode.decode_fit(data, path.name)
    converted = fit_sdk._sdk_read(data, raw=False)
    assert converted is not None
    sdk = fit_decode._activity(data, path.name, converted)
    for part in ("file_id", "device", "session", "activity", "laps", "heart_rates", "points"):
        assert getattr(fast, part) == getattr(sdk, part), part
    assert fast.points  # a track was compared, not two empty ones


def test_a_file_over_1_mb_imports_all_its_heart_rate_records(client, alice, conn):
    data = LARGE.read_bytes()
    assert len(data) > 1_000_000
    records = fitdecode_records(LARGE)
    with_hr = [r for r in records if r.get("heart_rate") is not None]
    answer = call(
        client,
        "POST",
        alice,
        "/fit",
        data=data,
        content_type=fit_decode.FIT_CONTENT_TYPE,
        query_string={"file_name": LARGE.name},
    )
    activity = ok(answer)["items"][0]["activity"]
    counts = activity["stored"]
    assert counts["records"] == len(records) == 24239
    assert counts["hr_records"] == len(with_hr)
    # Records that repeat a second are kept too (numbered by seq), so every one is a sample.
    assert counts["hr_samples"] == len(with_hr) > len({r["timestamp"] for r in with_hr})
    assert counts["gps_points"] == sum(1 for r in records if r.get("position_lat") is not None)
    in_db = conn.execute(
        "SELECT count(*) AS n, max(heart_rate) AS high FROM aiapp_nonprod.heart_rate_samples"
        " WHERE activity_id = %s",
        (activity["activity_id"],),
    ).fetchone()
    assert in_db["n"] == counts["hr_samples"]
    assert in_db["high"] == max(r["heart_rate"] for r in with_hr)


def test_the_sdk_reads_a_file_strict_fitdecode_refuses():
    path = OWN / "coros-pace-2-cycling-misaligned-fields.fit"
    data = path.read_bytes()
    # Field sizes that are no multiple of their type's: fitdecode, strict as the app runs it
    # (not guessing at bytes), stops there; the SDK reads them as bytes, as the FIT SDK says.
    with pytest.raises(fit_decode.FitRefused, match="cannot be decoded"):
        fit_decode._fitdecode_messages(data)
    # The SDK with all its defaults (CRC, component expansion), on its own.
    messages, errors = Decoder(Stream.from_byte_array(data)).read(merge_heart_rates=False)
    assert errors == []
    records = messages["record_mesgs"]
    activity = fit_decode.decode_fit(data, path.name)
    assert activity.record_count == len(records) == 11272
    assert activity.heart_rates == [
        (r["timestamp"], r["heart_rate"]) for r in records if r.get("heart_rate") is not None
    ]
    assert len(activity.points) == sum(1 for r in records if r.get("position_lat") is not None)
    assert fit._file_row(activity)["manufacturer"] == "coros"


def test_compressed_timestamps_are_read_by_fitdecode():
    data = (OWN / "compressed-speed-distance.fit").read_bytes()
    _, errors = Decoder(Stream.from_byte_array(data)).read()
    assert "Compressed timestamp" in str(errors[0])  # what sends a file to fitdecode
    # fitdecode reads every message: the file is refused for what it holds, not as corrupt.
    assert refusal(data) == "Not an activity: the file has no session with a start time."


def encoded(records: list[dict]) -> bytes:
    """An activity file written by Garmin's SDK encoder: file_id, the records, a session."""
    start = records[-1]["timestamp"] - timedelta(seconds=len(records))
    encoder = Encoder()
    encoder.on_mesg(
        Profile["mesg_num"]["FILE_ID"],
        {
            "type": "activity",
            "manufacturer": "garmin",
            "product": 2697,
            "serial_number": 3_900_000_001,
            "time_created": start,
        },
    )
    for record in records:
        encoder.on_mesg(Profile["mesg_num"]["RECORD"], record)
    encoder.on_mesg(
        Profile["mesg_num"]["SESSION"],
        {
            "start_time": start,
            "timestamp": records[-1]["timestamp"],
            "sport": "running",
            "total_timer_time": float(len(records)),
        },
    )
    return encoder.close()


def test_packed_speed_and_distance_are_expanded_and_relative_times_skipped():
    start = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    # Seconds since the device powered on (below 0x10000000), not a date: no sample.
    relative = {"timestamp": datetime(1990, 1, 1, tzinfo=UTC), "heart_rate": 99}
    records = [relative] + [
        {
            "timestamp": start + timedelta(seconds=n),
            "heart_rate": 120 + n,
            "position_lat": 456_099_128 + n * 1000,
            "position_long": -1_463_077_077,
            # 12 bits of speed (1/100 m/s), then 12 bits of distance (1/16 m, accumulated)
            "compressed_speed_distance": [0x2C, (n * 40) << 4 & 0xF0 | 0x01, n * 40 >> 4],
        }
        for n in range(1, 6)
    ]
    data = encoded(records)
    activity = fit_decode.decode_fit(data)
    assert activity.record_count == 6
    assert activity.heart_rates == [(r["timestamp"], r["heart_rate"]) for r in records[1:]]
    expected = [
        r["distance"]
        for r in fitdecode_records_of(data)
        if isinstance(r["timestamp"], datetime) and r.get("position_lat") is not None
    ]
    assert len(expected) == 5
    assert all(d is not None for d in expected)
    assert [p["distance"] for p in activity.points] == expected


def fitdecode_records_of(data: bytes) -> list[dict]:
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        return [
            {f.name: f.value for f in frame.fields}
            for frame in reader
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "record"
        ]


def test_a_damaged_header_crc_is_refused():
    data = bytearray((SHARED / "garmin-fenix-5-run.fit").read_bytes())
    assert data[0] == 14  # a 14-byte header: it may carry its own CRC, and this one does
    assert data[12:14] != b"\0\0"
    data[12] ^= 0x01
    assert refusal(bytes(data)) == "Corrupt: a CRC check failed, the file's bytes are damaged."


def test_bytes_after_the_last_file_or_a_wrong_magic_are_a_damaged_header():
    data = (SHARED / "garmin-fenix-5-run.fit").read_bytes()
    assert refusal(data + b"\x0e\x10") == "Corrupt: a FIT file header is missing or damaged."
    assert refusal(data[:8] + b".FIX" + data[12:]) == fit_decode._HEADER_DAMAGED


def test_messages_that_cannot_be_decoded_under_a_right_crc_are_corrupt():
    data = bytearray((SHARED / "garmin-fenix-5-run.fit").read_bytes())
    assert data[data[0]] & 0x40  # the first record is a definition message
    data[data[0]] = 0x0F  # now a data message of a local type nothing has defined
    assert refusal(with_crc(data)) == "Corrupt: the file's FIT messages cannot be decoded."


def test_a_sport_newer_than_the_profile_imports_as_its_number(client, alice):
    # The fenix 2 names no sport profile: the activity is named after its sport.
    data = patched("activity-small-fenix2-run.fit", "session", "sport", 200)
    answer = call(
        client, "POST", alice, "/fit", data=data, content_type=fit_decode.FIT_CONTENT_TYPE
    )
    activity = ok(answer)["items"][0]["activity"]
    assert activity["activity_type"] == "200"
    assert activity["activity_name"] == "200"


@pytest.mark.parametrize(
    "path", [SHARED / "garmin-fenix-5-run.fit", OWN / "compressed-speed-distance.fit"]
)
def test_damaged_bytes_under_a_right_crc_are_refused_never_an_error(path):
    """Random bytes changed and the CRC made right again, so that the decoders see them: every
    result is an activity or a FitRefused (fitdecode fails with asserts, TypeErrors and more)."""
    rng = random.Random(16)  # noqa: S311 - reproducible damage, not secrets
    original = path.read_bytes()
    outcomes = set()
    for _ in range(400):
        data = bytearray(original)
        for _ in range(rng.choice((1, 2, 4, 8))):
            data[rng.randrange(len(data) - 2)] = rng.randrange(256)
        try:
            activity = fit_decode.decode_fit(with_crc(data))
            stored(activity)
            outcomes.add("decoded")
        except fit_decode.FitRefused as refused:
            outcomes.add(str(refused).split(":")[0])
    assert "Corrupt" in outcomes  # the damage was seen, not only stepped over
