"""The field types of the Garmin item schemas: days within the tables' range, counts, amounts,
heart rates, scores, instants, series, GPS tracks, UTC offsets. Their ranges mirror the tables'
CHECK constraints."""

from __future__ import annotations

from datetime import UTC, date
from typing import Any

from marshmallow import ValidationError, fields, validate

FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2100, 12, 31)
MAX_ITEMS = 1000
_DAY_RANGE = validate.Range(
    min=FIRST_DAY, max=LAST_DAY, error="Use a day between 1990-01-01 and 2100-12-31."
)


def CalendarDate(**kwargs: Any) -> fields.Date:
    return fields.Date(validate=_DAY_RANGE, **kwargs)


def Count() -> fields.Integer:
    """A whole number that cannot be negative: seconds, steps, minutes, loads."""
    return fields.Integer(allow_none=True, validate=validate.Range(min=0))


def Amount() -> fields.Float:
    """A measured quantity that cannot be negative: kcal, metres, kg, seconds."""
    return fields.Float(allow_none=True, validate=validate.Range(min=0))


def Number() -> fields.Float:
    return fields.Float(allow_none=True)


def Between(low: float, high: float, integer: bool = False) -> fields.Number:
    field = fields.Integer if integer else fields.Float
    return field(allow_none=True, validate=validate.Range(min=low, max=high))


def HeartRate(integer: bool = True) -> fields.Number:
    return Between(20, 260, integer)


def Percent() -> fields.Float:
    return Between(0, 100)


def Score() -> fields.Integer:
    return Between(0, 100, integer=True)


def StressLevel(integer: bool = True) -> fields.Number:
    """0-100, or Garmin's -1 / -2 for "not enough data"."""
    return Between(-2, 100, integer)


def Text() -> fields.String:
    return fields.String(allow_none=True, validate=validate.Length(max=2000))


def Instant(**kwargs: Any) -> fields.AwareDateTime:
    """An ISO 8601 instant; one without an offset is taken as GMT."""
    return fields.AwareDateTime(allow_none=True, default_timezone=UTC, **kwargs)


def Series(**kwargs: Any) -> fields.List:
    """A time series: a JSON array of objects."""
    return fields.List(fields.Dict(), allow_none=True, **kwargs)


def _json_document(value: Any) -> None:
    if not isinstance(value, dict | list):
        raise ValidationError("Send a JSON object or array.")


def GpsTrack(**kwargs: Any) -> fields.Raw:
    """A GPS track as one JSON document, e.g. {"coordinates": [{"lat", "lon", ...}]}."""
    return fields.Raw(validate=_json_document, **kwargs)


def UtcOffset() -> fields.String:
    return fields.String(
        allow_none=True,
        validate=validate.Regexp(
            r"^[+-]?(1[0-4]|0?\d):[0-5]\d(:[0-5]\d)?$",
            error="Use the device's offset from GMT as [-]HH:MM[:SS], at most 14 hours.",
        ),
    )
