"""Garmin .FIT activity files: import one for a user (decoded by app.garmin.fit_decode).

import_fit() stores a file while it is decoded, on the unit of work's connection, so that
PostgreSQL (on the other core) stores the samples while Python reads the rest of the file:
_SampleWriter, the decoder's SampleSink, asks whether the user already has the file as soon as
its identity is read (an unchanged file then costs almost nothing), writes the activity row
when the first heart-rate sample arrives and then the samples, a chunk at a time, pipelined
(the decoder never waits for PostgreSQL). At the end one statement completes the activity from
the session and writes the file identity, laps and GPS track (insert_fit_activity), then its
heart-rate load (update_activity_hr_loads). All of it is one savepoint: a refused file leaves
nothing.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from app import db
from app.db.book import BOOK, EXECUTED
from app.garmin import fit_queries
from app.garmin.fit_decode import (
    HR_RANGE,
    SEMICIRCLE_DEGREES,
    FitActivity,
    FitRefused,
    decode_fit,
)
from app.garmin.fit_sdk import _FIT_EPOCH, SINK_CHUNK, StreamAbandoned
from app.params import jsonb
from app.training import queries as training_queries
from app.training.samples import implausible_sample_time

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


_FIT_EPOCH_UNIX = int(_FIT_EPOCH.timestamp())  # FIT times count seconds from it


def _fit_time(seconds: int) -> datetime:
    return _FIT_EPOCH + timedelta(seconds=seconds)


def _fit_seconds(moment: datetime) -> int:
    return int(moment.timestamp()) - _FIT_EPOCH_UNIX


def _array(numbers: list[int]) -> str:
    """An array of integers as PostgreSQL's text literal: str.join runs in C, where psycopg's
    list adapter formats element by element in Python (~60 ms for a 1 MB file's samples)."""
    return "{" + ",".join(map(str, numbers)) + "}"


class _Known(Exception):
    """The user already imported this file: its activity id."""

    def __init__(self, activity_id: int) -> None:
        super().__init__(activity_id)
        self.activity_id = activity_id


class _SampleWriter:
    """The decoder's SampleSink: a file's samples stored while the file is decoded.

    The activity row is written (one round trip) when the first sample arrives, because the
    samples' foreign key needs it; then every chunk goes out in psycopg's pipeline mode, which
    sends without waiting for the answer, so PostgreSQL inserts (and checks the foreign key of)
    one chunk while Python decodes the next. Errors of a pipelined statement are raised by a
    later send or by close(). Samples outside the plausible window are not sent: the decoder
    refuses such a file at its end, and the database would refuse them with its own words."""

    def __init__(self, conn: psycopg.Connection, customer_id: int) -> None:
        self.conn, self.customer_id = conn, customer_id
        self.sent = 0
        self.activity_id: int | None = None
        self.origin: int | None = None  # the FIT time the samples' elapsed seconds count from
        self._implausible = False
        self._seqs: dict[int, int] = {}
        # The FIT times [from, until) whose months have their partitions.
        self._months: tuple[int, int] | None = None
        self._pipeline = ExitStack()

    def __enter__(self) -> _SampleWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._pipeline.__exit__(kind, error, traceback)

    def close(self) -> None:
        """Wait for every chunk sent, raising the first error of any."""
        self._pipeline.close()

    def identify(self, identity: str) -> None:
        known = fit_queries.select_fit_file_activity(
            customer_id=self.customer_id, file_identity=identity
        )
        if known is not None:
            raise _Known(known)

    def send(self, fit_seconds: list[int], heart_rates: list[int], origin: int) -> None:
        if self._implausible:
            return
        low, high = min(fit_seconds), max(fit_seconds)
        if implausible_sample_time(_fit_time(low)) or implausible_sample_time(_fit_time(high)):
            self._implausible = True
            return
        if self.activity_id is None:
            self.origin = origin
            self.activity_id = fit_queries.insert_fit_activity_start(
                customer_id=self.customer_id, start_time=_fit_time(fit_seconds[0])
            )
            self._pipeline.enter_context(self.conn.pipeline())
        if self._months is None or low < self._months[0] or high >= self._months[1]:
            self._ensure_months(low, high)
        seqs, counts = [], self._seqs
        for moment in fit_seconds:  # the n-th sample at one time gets seq n - 1, in file order
            seq = counts.get(moment, 0)
            counts[moment] = seq + 1
            seqs.append(seq)
        self._pipelined(
            "garmin/insert_fit_samples",
            {
                "customer_id": self.customer_id,
                "activity_id": self.activity_id,
                "fit_seconds": _array(fit_seconds),
                "seqs": _array(seqs),
                "heart_rates": _array(heart_rates),
                "origin": self.origin,
            },
        )
        self.sent += len(fit_seconds)

    def send_all(self, fit: FitActivity, origin: datetime) -> None:
        """The samples of a file decoded without streaming (fitdecode's), after decoding."""
        times = [_fit_seconds(moment) for moment, _ in fit.heart_rates]
        rates = [bpm for _, bpm in fit.heart_rates]
        for start in range(0, len(times), SINK_CHUNK):
            end = start + SINK_CHUNK
            self.send(times[start:end], rates[start:end], _fit_seconds(origin))

    def _ensure_months(self, low: int, high: int) -> None:
        """The partitions of every month from the file's first sample to this chunk's last,
        as the HR upload makes them (ensure_hr_partitions refuses a span of years)."""
        if self._months is not None:
            low, high = min(low, self._months[0]), max(high, self._months[1] - 1)
        first, last = _fit_time(low), _fit_time(high)
        self._pipelined("garmin/ensure_fit_sample_months", {"from_time": first, "to_time": last})
        month_from = first.replace(day=1, hour=0, minute=0, second=0)
        after = (last.replace(day=1, hour=0, minute=0, second=0) + timedelta(days=32)).replace(
            day=1
        )
        self._months = (_fit_seconds(month_from), _fit_seconds(after))

    def _pipelined(self, name: str, params: dict[str, Any]) -> None:
        # Not app.db.execute: it would wait for the result, which is what the pipeline avoids.
        self.conn.execute(BOOK[name].text, params)
        EXECUTED.add(name)


def _store(
    data: bytes, file_name: str | None, customer_id: int, *, stream: bool
) -> tuple[str, dict[str, Any]]:
    """Decode and store one file in its own savepoint: ("imported" | "unchanged", the stored
    import). Without stream, the samples are sent after decoding."""
    conn = db.connection()
    fit: FitActivity | None = None
    try:
        with conn.transaction():
            with _SampleWriter(conn, customer_id) as writer:
                fit = decode_fit(data, file_name, writer if stream else None)
                if not stream:
                    writer.identify(fit.identity)
                start: datetime = fit.session["start_time"]
                # elapsed seconds count from the start, or the first sample when earlier
                origin = min([start, *(moment for moment, _ in fit.heart_rates)])
                if not writer.sent:
                    writer.send_all(fit, origin)
                writer.close()
            payload = {
                "file": _file_row(fit),
                "activity": _activity_row(fit),
                "laps": _lap_rows(fit),
            }
            activity_id = fit_queries.insert_fit_activity(
                customer_id=customer_id,
                activity_id=writer.activity_id,
                fit=jsonb(payload),
                track=jsonb({"coordinates": fit.points}) if fit.points else None,
                # the samples streamed counted from the start known then: again if it moved
                origin=None if writer.origin in (None, _fit_seconds(origin)) else origin,
            )
            day = date.fromisoformat(payload["activity"]["calendar_date"])
            training_queries.update_activity_hr_loads(
                customer_id=customer_id, start_date=day, end_date=day
            )
        status = "imported"
    except _Known as known:
        status, activity_id = "unchanged", known.activity_id
    except pg_errors.UniqueViolation as clash:
        if clash.diag.constraint_name != "fit_files_identity_key" or fit is None:
            raise
        # Another upload of the same file committed while this one was storing it (both
        # passed the check at the first message): the savepoint undid this one's rows, and
        # the file is the other's import, which READ COMMITTED shows the next statement.
        known_id = fit_queries.select_fit_file_activity(
            customer_id=customer_id, file_identity=fit.identity
        )
        if known_id is None:
            raise
        status, activity_id = "unchanged", known_id
    summary = json.loads(
        fit_queries.select_fit_import(customer_id=customer_id, activity_id=activity_id) or "null"
    )
    return status, summary


def import_fit(data: bytes, file_name: str | None, customer_id: int) -> dict[str, Any]:
    """Decode and store one file in its own savepoint: a refused file leaves nothing behind and
    does not undo the other files of the same request. Returns the file's result."""
    try:
        try:
            status, activity = _store(data, file_name, customer_id, stream=True)
        except StreamAbandoned:  # undone by its savepoint: decoded again, by fitdecode
            status, activity = _store(data, file_name, customer_id, stream=False)
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
