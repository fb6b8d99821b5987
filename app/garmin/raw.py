"""Raw python-garminconnect answers -> the normalized items of each dataset: what the
translators share (translate_daily, translate_sleep, translate_activities).

The sync worker may post what `Garmin.get_sleep_data(day)`, `get_user_summary(day)`,
`get_activities(...)` and friends returned (camelCase keys, nested DTOs, epoch-millisecond
timestamps) with `?format=garminconnect`. Each translator turns one such answer (an object, or
a list of them for a batch of days) into the items the dataset's item schema validates, as the
original service's translators did, with two deliberate differences:

- instants come from the GMT fields (`sleepStartTimestampGMT`, `startTimeGMT`,
  `beginTimestamp`) and the device's offset is kept beside them; the "Local" epoch values are
  GMT-shifted already, and reading them as epochs double-counts the offset;
- a day with several entries (weigh-ins, readiness re-computed after a workout) yields one
  item, the latest entry's values over the earlier ones', so one upsert can take the batch.

A payload without the structure of its call is rejected (400) rather than skipped; a day the
call reports as empty (a null entry, no VO2 max estimate, no GPS points) yields no item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from marshmallow import ValidationError

Item = dict[str, Any]
Translator = Callable[[Any], list[Item]]


def reject(message: str) -> ValidationError:
    return ValidationError({"body": [message]})


def entries(payload: Any, call: str) -> list[Mapping[str, Any]]:
    """The answer of one call (an object) or of several days (a list); nulls are no-data days."""
    if isinstance(payload, Mapping):
        return [payload]
    if isinstance(payload, list):
        if not all(entry is None or isinstance(entry, Mapping) for entry in payload):
            raise reject(f"Send the objects that {call} returned, or a list of them.")
        return [entry for entry in payload if entry is not None]
    raise reject(f"Send the JSON object or array that {call} returned.")


def first(*values: Any) -> Any:
    """The first value that is present (0 and "" count as present)."""
    return next((value for value in values if value is not None), None)


def dig(source: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(source, Mapping):
            return None
        source = source.get(key)
    return source


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def calendar_day(value: Any) -> str | None:
    """The YYYY-MM-DD day of a Garmin date or local timestamp string."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def require_day(value: Any, where: str) -> str:
    day = calendar_day(value)
    if day is None:
        raise reject(f"{where}: no calendar date (YYYY-MM-DD) found.")
    return day


def epoch_ms(value: Any) -> str | None:
    """An epoch-millisecond GMT timestamp as an ISO 8601 instant."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value / 1000, UTC).isoformat()


def gmt_text(value: Any) -> str | None:
    """A Garmin GMT date-time string ("2024-06-06 06:01:54", "...T22:30:00.0") as an instant."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "T"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def offset(minutes: float | None) -> str | None:
    """The device's offset from GMT as [-]HH:MM."""
    if minutes is None:
        return None
    whole = round(minutes)
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole) // 60:02d}:{abs(whole) % 60:02d}"


def minutes_between(local: Any, gmt: Any) -> float | None:
    """Minutes from a GMT reading to the local reading of the same moment: epoch-millisecond
    numbers (sleep) or date-time strings without an offset (activities)."""
    if isinstance(local, int | float) and isinstance(gmt, int | float):
        return (local - gmt) / 60_000
    local_time, gmt_time = naive(local), naive(gmt)
    if local_time is None or gmt_time is None:
        return None
    return (local_time - gmt_time).total_seconds() / 60


def naive(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip().replace(" ", "T")).replace(tzinfo=None)
    except ValueError:
        return None


def present(item: Item) -> Item:
    return {key: value for key, value in item.items() if value is not None}


def latest_per_day(items: Iterable[tuple[Any, Item]]) -> list[Item]:
    """One item per calendar_date: entries sorted by their stamp, later values over earlier."""
    merged: dict[str, Item] = {}
    for _, item in sorted(items, key=lambda pair: (pair[0] is not None, pair[0] or 0)):
        merged.setdefault(item["calendar_date"], {}).update(item)
    return list(merged.values())
