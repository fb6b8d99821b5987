"""Payloads, query strings and documented responses of the habits routes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from app.schemas import ActingSchema, seed_names

FAMILY_ROLES = ("owner", "admin", "member", "child")
HABIT_TYPES = ("boolean", "numeric", "duration")
DURATION_UNITS = ("seconds", "minutes", "hours")
FREQUENCIES = ("daily", "weekly")
TIMES_OF_DAY = ("morning", "evening", "custom")
# numeric(12, 3) in the tables: below a billion, three decimals.
LARGEST_VALUE = Decimal("999999999.999")


class HabitsRequestSchema(ActingSchema):
    """A habits request. The acting user is current_user(): the customer_id the client sent
    (already checked by the auth guard) is dropped so it cannot reach a query by accident."""

    @post_load
    def _drop_acting_customer_id(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data.pop("customer_id", None)
        return data


def Amount(*, positive: bool = False, **kwargs: Any) -> fields.Decimal:
    """A value or target as the tables store it: numeric(12, 3), never negative."""
    return fields.Decimal(
        places=3,
        allow_nan=False,
        validate=validate.Range(min=0, max=LARGEST_VALUE, min_inclusive=not positive),
        **kwargs,
    )


# Families


class FamilyNameSchema(HabitsRequestSchema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))


class InvitationSchema(HabitsRequestSchema):
    email = fields.Email(required=True, validate=validate.Length(max=320))
    role = fields.String(load_default="member", validate=validate.OneOf(FAMILY_ROLES))


class MemberRoleSchema(HabitsRequestSchema):
    role = fields.String(required=True, validate=validate.OneOf(FAMILY_ROLES))


class OnDateQuerySchema(HabitsRequestSchema):
    on_date = fields.Date(
        data_key="on", load_default=None, metadata={"description": "A day; today when absent."}
    )


class FamilySchema(Schema):
    family_id = fields.UUID()
    name = fields.String()
    role = fields.String(metadata={"description": "Your role", "enum": list(FAMILY_ROLES)})
    accepted_at = fields.DateTime(
        allow_none=True, metadata={"description": "null: an invitation you have not accepted"}
    )
    expires_at = fields.DateTime(
        allow_none=True, metadata={"description": "An invitation's end; null: a membership"}
    )
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    deleted_at = fields.DateTime(allow_none=True)


class MemberSchema(Schema):
    customer_id = fields.Integer()
    email = fields.Email()
    display_name = fields.String(allow_none=True)
    role = fields.String(metadata={"enum": list(FAMILY_ROLES)})
    invited_by = fields.Integer(allow_none=True)
    accepted_at = fields.DateTime(allow_none=True)


class FamilyDetailSchema(FamilySchema):
    members = fields.List(fields.Nested(MemberSchema))


class MembershipSchema(Schema):
    membership_id = fields.UUID()
    family_id = fields.UUID()
    customer_id = fields.Integer()
    role = fields.String(metadata={"enum": list(FAMILY_ROLES)})
    invited_by = fields.Integer(allow_none=True)
    accepted_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    deleted_at = fields.DateTime(allow_none=True)


class TodayHabitSchema(Schema):
    habit_id = fields.UUID()
    name = fields.String()
    habit_type = fields.String(metadata={"enum": list(HABIT_TYPES)})
    target_value = fields.Decimal(allow_none=True, as_string=False)
    target_unit = fields.String(allow_none=True)
    log_id = fields.UUID(allow_none=True)
    value = fields.Decimal(allow_none=True, as_string=False)
    completed = fields.Boolean()
    note = fields.String(allow_none=True)
    logged_by = fields.Integer(allow_none=True)


class TodayMemberSchema(Schema):
    customer_id = fields.Integer()
    display_name = fields.String(allow_none=True)
    email = fields.Email()
    role = fields.String(metadata={"enum": list(FAMILY_ROLES)})
    habits_due = fields.Integer()
    habits_completed = fields.Integer()
    habits = fields.List(fields.Nested(TodayHabitSchema))


class TodaySchema(Schema):
    family_id = fields.UUID()
    name = fields.String()
    date = fields.Date()
    members = fields.List(fields.Nested(TodayMemberSchema))


# Habits


def _habit_rules(data: dict[str, Any], partial: bool) -> None:
    """Type/target and frequency/days rules among the fields sent. A change that only breaks
    them together with stored values is refused by the table's CHECKs instead."""
    errors: dict[str, list[str]] = {}
    habit_type = data.get("habit_type")
    for target in ("target_value", "target_unit"):
        if habit_type == "boolean" and data.get(target) is not None:
            errors[target] = ["A boolean habit has no target."]
        elif habit_type in ("numeric", "duration") and data.get(target) is None and not partial:
            errors[target] = ["Required for numeric and duration habits."]
    if habit_type == "duration" and data.get("target_unit") not in (None, *DURATION_UNITS):
        errors["target_unit"] = [f"A duration is measured in {', '.join(DURATION_UNITS)}."]
    frequency = data.get("frequency")
    if frequency == "daily" and data.get("days_of_week") is not None:
        errors["days_of_week"] = ["A daily habit has no days of the week."]
    elif frequency == "weekly" and data.get("days_of_week") is None and not partial:
        errors["days_of_week"] = ["Choose the days (1 = Monday ... 7 = Sunday) of a weekly habit."]
    if errors:
        raise ValidationError(errors)


def DaysOfWeek(**kwargs: Any) -> fields.List:
    return fields.List(
        fields.Integer(strict=True, validate=validate.Range(min=1, max=7)),
        allow_none=True,
        validate=validate.Length(min=1, max=7),
        metadata={"description": "ISO weekdays of a weekly habit: 1 = Monday ... 7 = Sunday"},
        **kwargs,
    )


def _sorted_days(days: list[int] | None) -> list[int] | None:
    return None if days is None else sorted(set(days))


class HabitCreateSchema(HabitsRequestSchema):
    family_id = fields.UUID(
        load_default=None, metadata={"description": "A family's habit; your own when absent."}
    )
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(max=2000)
    )
    habit_type = fields.String(
        required=True, validate=validate.OneOf(HABIT_TYPES), metadata=seed_names("type", seed="003")
    )
    target_value = Amount(positive=True, load_default=None, allow_none=True)
    target_unit = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=20),
        metadata=seed_names("unit", seed="003"),
    )
    frequency = fields.String(load_default="daily", validate=validate.OneOf(FREQUENCIES))
    days_of_week = DaysOfWeek(load_default=None)
    active = fields.Boolean(load_default=True)

    @validates_schema
    def _check_rules(self, data: dict[str, Any], **_: Any) -> None:
        _habit_rules(data, partial=False)

    @post_load
    def _normalize_days(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["days_of_week"] = _sorted_days(data["days_of_week"])
        return data


# A PATCH: null clears the nullable fields; an absent one keeps its value.
class HabitPatchSchema(HabitsRequestSchema):
    name = fields.String(validate=validate.Length(min=1, max=200))
    description = fields.String(allow_none=True, validate=validate.Length(max=2000))
    habit_type = fields.String(
        validate=validate.OneOf(HABIT_TYPES), metadata=seed_names("type", seed="003")
    )
    target_value = Amount(positive=True, allow_none=True)
    target_unit = fields.String(
        allow_none=True,
        validate=validate.Length(min=1, max=20),
        metadata=seed_names("unit", seed="003"),
    )
    frequency = fields.String(validate=validate.OneOf(FREQUENCIES))
    days_of_week = DaysOfWeek()
    active = fields.Boolean()

    @validates_schema
    def _check_rules(self, data: dict[str, Any], **_: Any) -> None:
        if not data.keys() - {"customer_id"}:  # whom it acts for is not a change
            raise ValidationError("Send at least one field to change.")
        _habit_rules(data, partial=True)

    @post_load
    def _normalize_days(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if data.get("days_of_week") is not None:
            data["days_of_week"] = _sorted_days(data["days_of_week"])
        return data


class HabitListQuerySchema(HabitsRequestSchema):
    family_id = fields.UUID(load_default=None, metadata={"description": "Only this family's"})
    active = fields.Boolean(load_default=None, metadata={"description": "Only (in)active ones"})


class HabitSchema(Schema):
    habit_id = fields.UUID()
    customer_id = fields.Integer(allow_none=True, metadata={"description": "Owner (a user)"})
    family_id = fields.UUID(allow_none=True, metadata={"description": "Owner (a family)"})
    name = fields.String()
    description = fields.String(allow_none=True)
    habit_type = fields.String(metadata={"enum": list(HABIT_TYPES)})
    target_value = fields.Decimal(allow_none=True, as_string=False)
    target_unit = fields.String(allow_none=True)
    frequency = fields.String(metadata={"enum": list(FREQUENCIES)})
    days_of_week = fields.List(fields.Integer(), allow_none=True)
    active = fields.Boolean()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    deleted_at = fields.DateTime(allow_none=True)
    type = fields.String(
        metadata={"enum": list(HABIT_TYPES), "description": "habit_type, by seed 003's name"}
    )
    unit = fields.String(
        allow_none=True, metadata={"description": "target_unit, by seed 003's name"}
    )


class StreakSchema(Schema):
    habit_id = fields.UUID()
    as_of = fields.Date()
    current_streak = fields.Integer(metadata={"description": "Scheduled days in a row, done"})
    current_streak_started_on = fields.Date(allow_none=True)
    longest_streak = fields.Integer()
    last_completed_on = fields.Date(allow_none=True)


# Logs


class HabitLogCreateSchema(HabitsRequestSchema):
    log_date = fields.Date(required=True)
    value = Amount(
        load_default=Decimal(1),
        metadata={"description": "Amount done; a boolean habit takes 1 (done) or 0"},
    )
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))
    member_id = fields.Integer(
        strict=True,
        load_default=None,
        validate=validate.Range(min=1),
        metadata={"description": "Log for this member of the family (owners and admins only)"},
    )


class HabitLogQuerySchema(HabitsRequestSchema):
    date_from = fields.Date(data_key="from", load_default=None)
    date_to = fields.Date(data_key="to", load_default=None)
    member_id = fields.Integer(load_default=None, validate=validate.Range(min=1))
    max_rows = fields.Integer(
        data_key="limit", load_default=100, validate=validate.Range(min=1, max=1000)
    )

    @validates_schema
    def _check_range(self, data: dict[str, Any], **_: Any) -> None:
        if data["date_from"] and data["date_to"] and data["date_from"] > data["date_to"]:
            raise ValidationError("Must not be after 'to'.", "from")


class HabitLogSchema(Schema):
    log_id = fields.UUID()
    habit_id = fields.UUID()
    customer_id = fields.Integer(metadata={"description": "The member whose day it is"})
    logged_by = fields.Integer(allow_none=True, metadata={"description": "Who wrote it"})
    log_date = fields.Date()
    value = fields.Decimal(as_string=False)
    target_value = fields.Decimal(allow_none=True, as_string=False)
    completed = fields.Boolean()
    note = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    deleted_at = fields.DateTime(allow_none=True)


# Routines


def _each_once(habit_ids: list[Any]) -> None:
    if len(set(habit_ids)) != len(habit_ids):
        raise ValidationError("List each habit once.")


def HabitIds(**kwargs: Any) -> fields.List:
    return fields.List(
        fields.UUID(),
        validate=[validate.Length(min=1, max=50), _each_once],
        metadata={"description": "The routine's habits, in order"},
        **kwargs,
    )


class RoutineCreateSchema(HabitsRequestSchema):
    family_id = fields.UUID(
        load_default=None, metadata={"description": "A family's routine; your own when absent."}
    )
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    time_of_day = fields.String(required=True, validate=validate.OneOf(TIMES_OF_DAY))
    custom_time = fields.Time(load_default=None, allow_none=True)
    habit_ids = HabitIds(required=True)

    @validates_schema
    def _check_time(self, data: dict[str, Any], **_: Any) -> None:
        if (data["time_of_day"] == "custom") != (data["custom_time"] is not None):
            raise ValidationError(
                "Give custom_time exactly when time_of_day is custom.", "custom_time"
            )


class RoutinePatchSchema(HabitsRequestSchema):
    name = fields.String(validate=validate.Length(min=1, max=200))
    time_of_day = fields.String(validate=validate.OneOf(TIMES_OF_DAY))
    custom_time = fields.Time()
    habit_ids = HabitIds()

    @validates_schema
    def _check_fields(self, data: dict[str, Any], **_: Any) -> None:
        if not data.keys() - {"customer_id"}:
            raise ValidationError("Send at least one field to change.")
        if "custom_time" in data and data.get("time_of_day") != "custom":
            raise ValidationError("Send it with time_of_day: custom.", "custom_time")


class RoutineListQuerySchema(HabitsRequestSchema):
    family_id = fields.UUID(load_default=None, metadata={"description": "Only this family's"})


class RoutineHabitSchema(Schema):
    habit_id = fields.UUID()
    name = fields.String()
    habit_type = fields.String(metadata={"enum": list(HABIT_TYPES)})
    target_value = fields.Decimal(allow_none=True, as_string=False)
    target_unit = fields.String(allow_none=True)


class RoutineVersionSchema(Schema):
    version = fields.Integer()
    name = fields.String()
    time_of_day = fields.String(metadata={"enum": list(TIMES_OF_DAY)})
    custom_time = fields.Time(allow_none=True)
    habits = fields.List(fields.Nested(RoutineHabitSchema))
    effective_from = fields.DateTime()
    effective_to = fields.DateTime(allow_none=True, metadata={"description": "null: current"})


class RoutineSchema(RoutineVersionSchema):
    routine_id = fields.UUID()
    customer_id = fields.Integer(allow_none=True, metadata={"description": "Owner (a user)"})
    family_id = fields.UUID(allow_none=True, metadata={"description": "Owner (a family)"})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    deleted_at = fields.DateTime(allow_none=True)
