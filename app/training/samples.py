"""The heart-rate samples' payloads: the read's query, and the bulk upload (JSON arrays or
CSV) checked in one pass per array."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.schemas import ActingSchema
from app.training.schemas import HR_HIGH, HR_LOW

MAX_HR_SAMPLES = 100_000
# The longest span one upload may cover: an activity (a multi-day ultra included), not a
# year of months for heart_rate_samples' partitions to be made for.
MAX_HR_SPAN = timedelta(days=14)
# The plausible sample times: no heart-rate watch recorded before 1989, and a device clock may
# run a time zone or so ahead. A month outside would be made for the samples and never reached
# by retention. aiapp.ensure_hr_partitions (migration 0025) bounds them too, an hour further
# ahead: it reads the database's clock, not this host's.
HR_TIMES_FROM = datetime(1989, 1, 1, tzinfo=UTC)
HR_TIMES_AHEAD = timedelta(days=1)


def implausible_sample_time(moment: datetime) -> str | None:
    """Why a sample time is outside the plausible window, or None when it is inside."""
    if moment < HR_TIMES_FROM:
        return f"is before {HR_TIMES_FROM.date()}: no heart-rate watch recorded then."
    if moment > datetime.now(UTC) + HR_TIMES_AHEAD:
        return f"is more than {HR_TIMES_AHEAD.days} day ahead of now: check the device's clock."
    return None


class HrSamplesQuerySchema(ActingSchema):
    downsample = fields.Integer(
        load_default=None,
        validate=validate.Range(1, 10_000),
        metadata={"description": "Average the samples into this many buckets."},
    )


class HrUploadQuerySchema(ActingSchema):
    mode = fields.String(
        load_default="merge",
        validate=validate.OneOf(("merge", "replace")),
        metadata={"description": "merge keeps stored samples at other times; replace drops them."},
    )


class _Samples(fields.Field):
    """A long list of scalars checked in one pass, with List's per-index errors. An upload
    holds thousands of samples: deserializing each through a marshmallow Field cost more than
    storing it, so the items are parsed here directly."""

    item_error = "Not valid."

    def _item(self, value: Any) -> Any:
        raise NotImplementedError

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[Any]:
        if not isinstance(value, list):
            raise ValidationError("Not a valid list.")
        parsed: list[Any] = []
        errors: dict[int, list[str]] = {}
        for index, item in enumerate(value):
            try:
                parsed.append(self._item(item))
            except (TypeError, ValueError):
                errors[index] = [self.item_error]
            except ValidationError as error:
                errors[index] = error.messages  # type: ignore[assignment]
        if errors:
            raise ValidationError(errors)  # type: ignore[arg-type]
        return parsed


class SampleTimes(_Samples):
    """ISO 8601 times; one without an offset is UTC."""

    item_error = "Not a valid datetime."

    def _item(self, value: Any) -> datetime:
        if not isinstance(value, str):
            raise TypeError
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class HeartRates(_Samples):
    """Beats per minute: whole numbers (or their text, as a CSV sends them) in range."""

    item_error = "Not a valid integer."
    _range = validate.Range(HR_LOW, HR_HIGH)

    def _item(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str | float):
            raise TypeError
        number = int(value)
        if number != value and str(number) != value:
            raise ValueError  # 120.5 or "12x": not a whole number
        return self._range(number)


class HrUploadSchema(Schema):
    """Samples as two parallel arrays; times strictly increasing (sorted, no repeats)."""

    timestamps = SampleTimes(
        required=True,
        validate=validate.Length(1, MAX_HR_SAMPLES),
        metadata={
            "type": "array",
            "items": {"type": "string", "format": "date-time"},
            "description": "Sample times, sorted, between 1989-01-01 and a day after now,"
            " spanning at most 14 days.",
        },
    )
    heart_rates = HeartRates(
        required=True,
        validate=validate.Length(1, MAX_HR_SAMPLES),
        metadata={
            "type": "array",
            "items": {"type": "integer", "minimum": HR_LOW, "maximum": HR_HIGH},
        },
    )

    @validates_schema(skip_on_field_errors=True)
    def _aligned_and_sorted(self, data: dict[str, Any], **_: Any) -> None:
        times, rates = data["timestamps"], data["heart_rates"]
        if len(times) != len(rates):
            raise ValidationError(
                f"{len(rates)} heart rates for {len(times)} timestamps.", "heart_rates"
            )
        for index in range(1, len(times)):
            if times[index] <= times[index - 1]:
                problem = "repeats" if times[index] == times[index - 1] else "is before"
                raise ValidationError(
                    {index: [f"{problem} the previous timestamp; send them sorted, once each."]},
                    "timestamps",
                )
        # Sorted: the first and the last are the ones that can be outside the window.
        for index in (0, len(times) - 1):
            problem = implausible_sample_time(times[index])
            if problem:
                raise ValidationError(
                    {index: [f"{times[index].isoformat()} {problem}"]}, "timestamps"
                )
        if times[-1] - times[0] > MAX_HR_SPAN:
            raise ValidationError(
                f"The samples span {times[-1] - times[0]}; one upload covers at most"
                f" {MAX_HR_SPAN.days} days (one activity).",
                "timestamps",
            )
