"""The shape of a biometric reading's `value`, per type.

Each type's value is a JSON object with exactly the keys below; the ranges are physiologically
plausible bounds that catch unit mix-ups and typing errors. The same shapes are enforced by the
database (clinical.biometric_value_is_valid in migrations/0008.clinical.sql), so a writer that
bypasses the API cannot store what the API would refuse.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema


class Measure(fields.Float):
    """A JSON number, kept as sent (72 stays 72); unlike fields.Float it refuses strings."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> float:
        if isinstance(value, str):
            raise self.make_error("invalid")
        number = super()._deserialize(value, attr, data, **kwargs)  # refuses booleans and NaN
        return value if isinstance(value, int) else number


def measure(low: float, high: float, required: bool = True) -> fields.Float:
    return Measure(required=required, allow_nan=False, validate=validate.Range(low, high))


def count(low: int, high: int, required: bool = True) -> fields.Integer:
    return fields.Integer(required=required, strict=True, validate=validate.Range(low, high))


class BloodPressureValue(Schema):
    systolic = count(50, 300)
    diastolic = count(20, 200)

    @validates_schema
    def _systolic_above_diastolic(self, data: dict[str, Any], **_: Any) -> None:
        if data["systolic"] <= data["diastolic"]:
            raise ValidationError("Must be above diastolic.", "systolic")


VALUE_SCHEMAS: dict[str, type[Schema]] = {
    "heart_rate": Schema.from_dict({"bpm": measure(20, 260)}, name="HeartRateValue"),
    "blood_pressure": BloodPressureValue,
    "blood_glucose": Schema.from_dict({"mg_dl": measure(10, 1000)}, name="BloodGlucoseValue"),
    "weight": Schema.from_dict({"kg": measure(0.3, 700)}, name="WeightValue"),
    "temperature": Schema.from_dict({"celsius": measure(25, 45)}, name="TemperatureValue"),
    "sleep": Schema.from_dict(
        {"minutes": count(0, 1440), "quality": count(1, 10, required=False)}, name="SleepValue"
    ),
    "activity": Schema.from_dict(
        {"steps": count(0, 200_000), "active_minutes": count(0, 1440, required=False)},
        name="ActivityValue",
    ),
    "stress": Schema.from_dict({"level": count(0, 100)}, name="StressValue"),
    "mood": Schema.from_dict({"score": count(1, 10)}, name="MoodValue"),
    "oxygen_saturation": Schema.from_dict(
        {"percent": measure(50, 100)}, name="OxygenSaturationValue"
    ),
}
BIOMETRIC_TYPES = tuple(VALUE_SCHEMAS)


def load_value(kind: str, value: Any) -> dict[str, Any]:
    """The value checked against its type's shape; ValidationError names the bad keys."""
    if not isinstance(value, dict):
        raise ValidationError("Must be a JSON object.")
    return VALUE_SCHEMAS[kind]().load(value)


def _describe_field(name: str, field: fields.Field) -> str:
    bounds = next(v for v in field.validators if isinstance(v, validate.Range))
    whole = "whole " if isinstance(field, fields.Integer) else ""
    optional = "" if field.required else "?"
    return f'"{name}"{optional}: {whole}{bounds.min}..{bounds.max}'


def describe_values() -> str:
    """The shapes for the API docs, read from the schemas so the two never drift apart."""
    lines = []
    for kind, schema in VALUE_SCHEMAS.items():
        keys = ", ".join(_describe_field(n, f) for n, f in schema().fields.items())
        lines.append(f"{kind}: {{{keys}}}")
    return (
        "A JSON object whose keys depend on `type` (no other keys; ? = optional; "
        "blood_pressure's systolic must be above its diastolic): " + "; ".join(lines) + "."
    )
