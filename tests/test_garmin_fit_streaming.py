""".FIT files stored while they are decoded: the samples streamed to PostgreSQL as the records
arrive store the same rows as samples sent after decoding (and as the rule of the HR upload
computes them here), a moved start recounts elapsed seconds, a file the SDK gives up on part-way
leaves nothing, and an already imported file stops the decoding at its first message."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import fitdecode
import pytest

from app import db
from app.garmin import fit, fit_decode, fit_sdk
from tests.garmin_training_helpers import call, count, ok
from tests.test_garmin_fit_decoding import ACTIVITIES, LARGE, encoded, with_crc

# Every row a file stores, without the ids and times of writing that differ between two imports.
OWN = "to_jsonb(t) - 'activity_id' - 'customer_id' - 'created_at' - 'updated_at'"
ROWS = {
    "activities": OWN,
    "fit_files": f"{OWN} - 'imported_at'",
    "activity_laps": OWN,
    "activity_gps": OWN,
    "heart_rate_samples": OWN,
}


def stored_rows(conn, activity_id: int) -> dict[str, list]:
    return {
        table: [
            row["r"]
            for row in conn.execute(
                f"SELECT {columns} AS r FROM aiapp_nonprod.{table} AS t"  # noqa: S608 (constants)
                f" WHERE t.activity_id = %s ORDER BY ({columns})::text",
                (activity_id,),
            )
        ]
        for table, columns in ROWS.items()
    }


def upload(client, account, data: bytes, name: str | None = None):
    return call(
        client,
        "POST",
        account,
        "/fit",
        data=data,
        content_type=fit_decode.FIT_CONTENT_TYPE,
        query_string={"file_name": name or "upload.fit"},
    )


def imported(client, account, data: bytes, name: str | None = None) -> dict:
    item = ok(upload(client, account, data, name))["items"][0]
    assert item["status"] == "imported", item
    return item["activity"]


def expected_samples(activity: fit_decode.FitActivity) -> list[tuple[datetime, int, int, int]]:
    """The HR upload's rule, computed here: samples at one time numbered 0, 1, ... in file
    order, elapsed seconds from the start or the first sample when earlier."""
    origin = min([activity.session["start_time"], *(t for t, _ in activity.heart_rates)])
    seen: Counter[datetime] = Counter()
    rows = []
    for moment, bpm in activity.heart_rates:
        rows.append((moment, seen[moment], bpm, int((moment - origin).total_seconds())))
        seen[moment] += 1
    return sorted(rows)


def samples_of(conn, activity_id: int) -> list[tuple[datetime, int, int, int]]:
    return [
        (r["sample_time"], r["seq"], r["heart_rate"], r["elapsed_seconds"])
        for r in conn.execute(
            "SELECT sample_time, seq, heart_rate, elapsed_seconds"
            " FROM aiapp_nonprod.heart_rate_samples WHERE activity_id = %s"
            " ORDER BY sample_time, seq",
            (activity_id,),
        )
    ]


@pytest.mark.parametrize("path", ACTIVITIES, ids=lambda p: p.name)
def test_streamed_samples_store_what_samples_sent_after_decoding_store(
    app, client, alice, bob, conn, path
):
    data = path.read_bytes()
    streamed = imported(client, alice, data, path.name)["activity_id"]
    with app.app_context(), db.unit_of_work("garmin"):
        status, after = fit._store(data, path.name, bob.customer_id, stream=False)
    assert status == "imported"
    rows = stored_rows(conn, streamed)
    assert rows == stored_rows(conn, after["activity_id"])
    assert all(rows[table] for table in ("activities", "fit_files"))
    decoded = fit_decode.decode_fit(data, path.name)
    assert samples_of(conn, streamed) == expected_samples(decoded)
    assert len(rows["heart_rate_samples"]) == len(decoded.heart_rates)


def test_a_start_before_the_first_sample_recounts_elapsed_seconds(client, alice, conn):
    # encoded() starts the session len(records) seconds before the last record: here 2 s
    # before the first, with no timer event to say so before the records. The samples streamed
    # with seconds from the first record are counted again at the end.
    start = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    records = [
        {"timestamp": start + timedelta(seconds=n), "heart_rate": 100 + n % 50}
        for n in range(1, 3001)
    ]
    # a record out of order, at a time already seen: seq 1, and its seconds from the start
    records.insert(4, {"timestamp": start + timedelta(seconds=2), "heart_rate": 99})
    data = encoded(records)
    activity = fit_decode.decode_fit(data)
    assert activity.session["start_time"] == start - timedelta(seconds=1)
    assert len(activity.heart_rates) > 2 * fit_sdk.SINK_CHUNK  # streamed in several chunks
    activity_id = imported(client, alice, data)["activity_id"]
    stored = samples_of(conn, activity_id)
    assert stored == expected_samples(activity)
    assert stored[:3] == [
        (start + timedelta(seconds=1), 0, 101, 2),
        (start + timedelta(seconds=2), 0, 102, 3),
        (start + timedelta(seconds=2), 1, 99, 3),
    ]


def record_offsets(data: bytes) -> list[int]:
    """Where each record message of the file starts (its header byte)."""
    with fitdecode.FitReader(data, keep_raw_chunks=True) as reader:
        return [
            frame.chunk.offset
            for frame in reader
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "record"
        ]


def test_a_file_the_sdk_gives_up_on_after_its_first_chunks_leaves_nothing(client, alice, conn):
    start = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    records = [
        {"timestamp": start + timedelta(seconds=n), "heart_rate": 120} for n in range(1, 3001)
    ]
    data = bytearray(encoded(records))
    # A record header naming a local message type never defined, under a right CRC, after
    # two chunks were stored: both decoders fail there, so the file is corrupt.
    data[record_offsets(bytes(data))[2500]] = 0x0E
    answer = upload(client, alice, with_crc(data))
    assert answer.status_code == 422, answer.json
    assert "Corrupt" in answer.get_data(as_text=True)
    for table in ("activities", "heart_rate_samples", "fit_files"):
        assert count(conn, table) == 0, table


class Sink:
    """A sink that records what the decoder tells it, and stops at a known file."""

    def __init__(self, known: bool) -> None:
        self.known, self.sent, self.identities = known, 0, []

    def identify(self, identity: str) -> None:
        self.identities.append(identity)
        if self.known:
            raise LookupError(identity)

    def send(self, fit_seconds: list[int], heart_rates: list[int], origin: int) -> None:
        assert len(fit_seconds) == len(heart_rates)
        assert origin <= min(fit_seconds)
        self.sent += len(fit_seconds)


@pytest.mark.parametrize("path", ACTIVITIES, ids=lambda p: p.name)
def test_the_identity_comes_first_and_a_known_file_stops_the_decoding(path):
    data = path.read_bytes()
    whole = fit_decode.decode_fit(data, path.name, listening := Sink(known=False))
    assert listening.identities == [whole.identity]
    assert listening.sent == len(whole.heart_rates)
    stopped = Sink(known=True)
    with pytest.raises(LookupError):
        fit_decode.decode_fit(data, path.name, stopped)
    assert stopped.identities == [whole.identity]
    assert stopped.sent == 0


def test_a_re_upload_is_unchanged_and_writes_nothing(client, alice, conn):
    data = ACTIVITIES[-1].read_bytes()
    first = imported(client, alice, data)
    samples = count(conn, "heart_rate_samples")
    again = ok(upload(client, alice, data))["items"][0]
    assert again["status"] == "unchanged"
    assert again["activity"] == first
    assert count(conn, "heart_rate_samples") == samples
    assert count(conn, "activities") == 1


@pytest.mark.parametrize("from_end", [1, 3, 200], ids=["crc", "crc-1", "session"])
def test_a_file_damaged_at_its_end_is_refused_before_anything_is_stored(
    client, alice, conn, from_end
):
    # The CRC covers the whole file and is checked before decoding, so damage in the last
    # bytes, after every record that would have been streamed, still stores nothing.
    data = bytearray(ACTIVITIES[-1].read_bytes())
    data[len(data) - from_end] ^= 0x5A
    answer = upload(client, alice, bytes(data))
    assert answer.status_code == 422, answer.json
    assert "CRC" in answer.get_data(as_text=True)
    for table in ("activities", "heart_rate_samples", "fit_files", "activity_gps"):
        assert count(conn, table) == 0, table


def test_an_upload_that_loses_the_race_for_its_file_answers_unchanged(
    client, alice, conn, monkeypatch
):
    """Two uploads of one file at once both pass the identity check at the first message; the
    one that commits second finds the identity taken when it writes the file row. Here the
    first has committed and the second's check is made to miss it, as it would have before
    that commit: the second answers unchanged with the first one's import, storing nothing."""
    data = LARGE.read_bytes()
    first = imported(client, alice, data, "twice.fit")
    monkeypatch.setattr(fit._SampleWriter, "identify", lambda _writer, _identity: None)
    second = ok(upload(client, alice, data, "twice.fit"))["items"][0]
    assert second["status"] == "unchanged", second
    assert second["activity"] == first
    assert count(conn, "fit_files") == 1
    assert count(conn, "activities") == 1
    assert count(conn, "heart_rate_samples") == first["stored"]["hr_samples"]
