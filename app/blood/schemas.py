"""Payloads of the blood routes: query strings, bodies, and the documented answers."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, pre_load, validate, validates_schema

from app.schemas import ActingSchema, CamelCaseSchema

LEGACY_ACTIONS = ("get_all_blood_tests",)
MAX_PANEL_RESULTS = 500
UNITS = ("catalogue", "as_sent")
FLAGS = ("low", "normal", "high", "critical_low", "critical_high")


class Text(fields.String):
    """A string with surrounding whitespace removed, so "Glucose " names the same test."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return super()._deserialize(value, attr, data, **kwargs).strip()


def CategoryField(**kwargs: Any) -> Text:
    return Text(validate=validate.Length(1, 100), **kwargs)


def TestNameField(**kwargs: Any) -> Text:
    return Text(validate=validate.Length(1, 100), **kwargs)


def ResultValueField(**kwargs: Any) -> Text:
    return Text(
        validate=validate.Length(1, 50),
        metadata={"description": "As the lab wrote it: '5.2', '<0.5', 'negative'."},
        **kwargs,
    )


def UnitField(**kwargs: Any) -> Text:
    return Text(allow_none=True, validate=validate.Length(1, 50), **kwargs)


def ReferenceRangeField(**kwargs: Any) -> Text:
    return Text(
        allow_none=True,
        validate=validate.Length(1, 100),
        metadata={"description": "As the lab wrote it: '3.5-5.0', '<200', '>40'."},
        **kwargs,
    )


def match_key(name: str) -> str:
    """How the database matches a test name (blood.match_key): letter case and spacing ignored."""
    return "".join(name.split()).lower()


def UnitsField() -> fields.String:
    return fields.String(
        load_default="catalogue",
        validate=validate.OneOf(UNITS),
        metadata={
            "description": "Values in the catalogue's unit of each test (default), or as sent."
        },
    )


def BandEnd(**kwargs: Any) -> fields.Decimal:
    return fields.Decimal(allow_none=True, **kwargs)


def _require_a_change(data: dict[str, Any]) -> None:
    if not data.keys() - {"customer_id"}:
        raise ValidationError("Send at least one field to change.", "_schema")


def _end_not_before_start(data: dict[str, Any]) -> None:
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        raise ValidationError("end_date must be on or after start_date.", "end_date")


BANDS = (
    ("reference_low", "reference_high"),
    ("reference_low_female", "reference_high_female"),
    ("reference_low_male", "reference_high_male"),
    ("critical_low", "critical_high"),
)


def _low_not_above_high(data: dict[str, Any]) -> None:
    for low_name, high_name in BANDS:
        low, high = data.get(low_name), data.get(high_name)
        if low is not None and high is not None and low > high:
            raise ValidationError(f"{low_name} must not exceed {high_name}.", low_name)


class BloodTestQuerySchema(ActingSchema):
    start_date = fields.Date(metadata={"description": "Leave out tests before this day."})
    end_date = fields.Date(metadata={"description": "Leave out tests after this day."})
    category = CategoryField(metadata={"description": "Only tests of this category."})
    limit = fields.Integer(
        validate=validate.Range(1, 500),
        metadata={"description": "At most this many items (total_count counts them all)."},
    )

    @validates_schema
    def _window(self, data: dict[str, Any], **_: Any) -> None:
        _end_not_before_start(data)


class BloodHistoryQuerySchema(ActingSchema):
    start_date = fields.Date()
    end_date = fields.Date()
    units = UnitsField()

    @validates_schema
    def _window(self, data: dict[str, Any], **_: Any) -> None:
        _end_not_before_start(data)


class BloodCategoryQuerySchema(ActingSchema):
    category = CategoryField()


class BloodLatestQuerySchema(BloodCategoryQuerySchema):
    units = UnitsField()


class BloodPanelQuerySchema(ActingSchema):
    strict = fields.Boolean(
        load_default=False,
        metadata={
            "description": "true: refuse the panel when a test name matches no catalogue test "
            "(by default such a name becomes one of your own tests)."
        },
    )


class BloodPanelResultSchema(CamelCaseSchema):
    test_name = TestNameField(required=True)
    result_value = ResultValueField(required=True)
    result_unit = UnitField(
        load_default=None, metadata={"description": "Omitted: the test's default unit."}
    )
    reference_range = ReferenceRangeField(load_default=None)


class BloodPanelSchema(ActingSchema):
    """One lab panel: a date and its results, stored all or nothing."""

    test_date = fields.Date(required=True)
    results = fields.List(
        fields.Nested(BloodPanelResultSchema),
        required=True,
        validate=validate.Length(1, MAX_PANEL_RESULTS),
    )

    @validates_schema
    def _one_result_per_test(self, data: dict[str, Any], **_: Any) -> None:
        seen: set[str] = set()
        repeated: dict[int, dict[str, list[str]]] = {}
        for position, result in enumerate(data.get("results", [])):
            name = match_key(result["test_name"])
            if name in seen:
                repeated[position] = {"test_name": ["This test is already in the panel."]}
            seen.add(name)
        if repeated:
            raise ValidationError({"results": repeated})


class BloodImportRowSchema(BloodPanelResultSchema):
    """A row of `flask blood import-csv`: a result and its date; blank cells count as absent."""

    test_date = fields.Date(required=True)

    @pre_load
    def _blank_is_absent(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {k: v for k, v in data.items() if v is not None and str(v).strip() != ""}


class BloodTestPatchSchema(ActingSchema):
    test_date = fields.Date()
    result_value = ResultValueField()
    result_unit = UnitField()
    reference_range = ReferenceRangeField()

    @validates_schema
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        _require_a_change(data)


class BloodDefinitionCreateSchema(ActingSchema):
    """A test of the catalogue (POST /definitions)."""

    category = CategoryField(required=True)
    test_name = TestNameField(required=True)
    short_explanation = Text(allow_none=True, load_default=None, validate=validate.Length(max=255))
    long_explanation = fields.String(allow_none=True, load_default=None)
    default_unit = UnitField(load_default=None)
    reference_low = BandEnd(load_default=None)
    reference_high = BandEnd(load_default=None)
    loinc_code = fields.String(
        allow_none=True,
        load_default=None,
        validate=validate.Regexp(r"^\d{1,7}-\d$", error="Use a LOINC code like '2345-7'."),
    )
    aliases = fields.List(
        Text(validate=validate.Length(1, 100)),
        load_default=list,
        validate=validate.Length(max=50),
        metadata={"description": "Other names labs print (matched in any case and spacing)."},
    )
    reference_low_female = BandEnd(load_default=None)
    reference_high_female = BandEnd(load_default=None)
    reference_low_male = BandEnd(load_default=None)
    reference_high_male = BandEnd(load_default=None)
    critical_low = BandEnd(load_default=None)
    critical_high = BandEnd(load_default=None)
    range_source = Text(allow_none=True, load_default=None, validate=validate.Length(1, 200))

    @validates_schema
    def _band(self, data: dict[str, Any], **_: Any) -> None:
        _low_not_above_high(data)


class BloodDefinitionPatchSchema(BloodDefinitionCreateSchema):
    """PATCH /definitions/<id>: any subset of the fields (load it with partial=True); null
    clears an optional one."""

    @validates_schema
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        _require_a_change(data)


DEFINITION_FIELDS = (
    "category",
    "test_name",
    "short_explanation",
    "long_explanation",
    "default_unit",
    "reference_low",
    "reference_high",
    "loinc_code",
    "aliases",
    "reference_low_female",
    "reference_high_female",
    "reference_low_male",
    "reference_high_male",
    "critical_low",
    "critical_high",
    "range_source",
)


class BloodPromoteSchema(ActingSchema):
    """POST /definitions/<id>/promote: an own test joins the shared catalogue."""

    category = CategoryField(
        load_default=None, metadata={"description": "Omitted: keep the own test's category."}
    )


class BloodLegacyRequestSchema(ActingSchema):
    """The original's MediaModel action payload."""

    action = fields.String(
        required=True,
        validate=validate.OneOf(LEGACY_ACTIONS, error="Unsupported blood action: {input}"),
    )
    user_input = fields.Dict(load_default=dict)
    user_settings = fields.Dict(load_default=dict)
    session_id = fields.String(allow_none=True)
    asset_input = fields.List(fields.Raw(), allow_none=True)
