"""The answers of the blood routes, for the OpenAPI document (tests/test_contract.py checks
every route's answer against them)."""

from __future__ import annotations

from marshmallow import Schema, fields

from app.blood.schemas import FLAGS, UNITS


class BloodLegacyItemSchema(Schema):
    """A result in the legacy action's answer."""

    id = fields.Integer()
    test_date = fields.Date()
    result_value = fields.String()
    result_unit = fields.String(allow_none=True)
    reference_range = fields.String(allow_none=True)
    category = fields.String()
    test_name = fields.String()
    short_explanation = fields.String(allow_none=True)
    long_explanation = fields.String(allow_none=True)


class BloodTestItemSchema(BloodLegacyItemSchema):
    """A result as the original listed it."""

    test_definition_id = fields.Integer()


class BloodTestFiltersSchema(Schema):
    start_date = fields.Date(allow_none=True)
    end_date = fields.Date(allow_none=True)
    category = fields.String(allow_none=True)
    limit = fields.Integer(allow_none=True)


class BloodTestListSchema(Schema):
    items = fields.List(fields.Nested(BloodTestItemSchema))
    total_count = fields.Integer(metadata={"description": "Matching tests, before the limit."})
    latest_test_date = fields.Date(allow_none=True)
    filters = fields.Nested(BloodTestFiltersSchema, allow_none=True)


class BloodFlagRangeSchema(Schema):
    """The range a result's flag was read against."""

    source = fields.String(metadata={"enum": ["lab", "catalogue"]})
    low = fields.Float(allow_none=True)
    high = fields.Float(allow_none=True)
    unit = fields.String(allow_none=True)
    sex = fields.String(
        allow_none=True,
        metadata={"enum": ["female", "male"], "description": "Whose range, when it is by sex."},
    )
    reference = fields.String(
        allow_none=True, metadata={"description": "Where the catalogue's range comes from."}
    )


class BloodResultSchema(BloodTestItemSchema):
    """A result with what the database reads from its text, its value in the unit asked for
    and its flag."""

    loinc_code = fields.String(allow_none=True)
    own_test = fields.Boolean(metadata={"description": "The test is one of your own tests."})
    result_numeric = fields.Float(allow_none=True, metadata={"description": "'<0.5' -> 0.5"})
    result_comparator = fields.String(allow_none=True, metadata={"enum": ["<", "<=", ">", ">="]})
    reference_low = fields.Float(allow_none=True, metadata={"description": "The lab's range."})
    reference_high = fields.Float(allow_none=True)
    catalogue_value = fields.Float(allow_none=True)
    catalogue_unit = fields.String(allow_none=True)
    units = fields.String(metadata={"enum": list(UNITS)})
    value = fields.Float(allow_none=True, metadata={"description": "In `unit`, per `units`."})
    unit = fields.String(allow_none=True)
    result_flag = fields.String(allow_none=True, metadata={"enum": list(FLAGS)})
    out_of_range = fields.Boolean(allow_none=True)
    flag_range = fields.Nested(BloodFlagRangeSchema, allow_none=True)


class BloodPreviousSchema(Schema):
    test_date = fields.Date()
    result_value = fields.String()
    result_unit = fields.String(allow_none=True)
    value = fields.Float(allow_none=True)


class BloodLatestSchema(BloodResultSchema):
    """The latest result of a test and the change since the one before it."""

    previous = fields.Nested(BloodPreviousSchema, allow_none=True)
    change = fields.Float(allow_none=True, metadata={"description": "value - previous value"})
    change_percent = fields.Float(allow_none=True)


class BloodUnitConversionSchema(Schema):
    unit = fields.String()
    factor = fields.Float(metadata={"description": "In default_unit: value x factor + addend."})
    addend = fields.Float()


class BloodDefinitionSchema(Schema):
    id = fields.Integer()
    category = fields.String()
    test_name = fields.String()
    short_explanation = fields.String(allow_none=True)
    long_explanation = fields.String(allow_none=True)
    default_unit = fields.String(allow_none=True)
    reference_low = fields.Float(allow_none=True)
    reference_high = fields.Float(allow_none=True)
    loinc_code = fields.String(allow_none=True)
    aliases = fields.List(fields.String())
    reference_low_female = fields.Float(allow_none=True)
    reference_high_female = fields.Float(allow_none=True)
    reference_low_male = fields.Float(allow_none=True)
    reference_high_male = fields.Float(allow_none=True)
    critical_low = fields.Float(allow_none=True)
    critical_high = fields.Float(allow_none=True)
    range_source = fields.String(allow_none=True)
    own_test = fields.Boolean()
    units = fields.List(fields.Nested(BloodUnitConversionSchema))


class BloodCategorySchema(Schema):
    category = fields.String()
    definitions = fields.List(fields.Nested(BloodDefinitionSchema))


class BloodHistorySchema(Schema):
    definition = fields.Nested(BloodDefinitionSchema)
    units = fields.String(metadata={"enum": list(UNITS)})
    unit = fields.String(
        allow_none=True, metadata={"description": "The series' unit (units=catalogue)."}
    )
    points = fields.List(fields.Nested(BloodResultSchema))


class BloodDeletedSchema(Schema):
    id = fields.Integer()
    deleted = fields.Boolean()


class BloodLegacyMessageSchema(Schema):
    status = fields.String(metadata={"example": "completed"})
    result = fields.List(fields.Nested(BloodLegacyItemSchema))


class BloodLegacyResponseSchema(Schema):
    """The legacy answer shape (not the envelope)."""

    code = fields.Integer(metadata={"example": 200})
    success = fields.Boolean()
    message = fields.Nested(BloodLegacyMessageSchema)


class BloodLegacyFailureSchema(Schema):
    """The legacy action's refusal: {code, success, message: {status: "fail", result}}. A
    request the auth guard refuses before the action (a malformed customer_id) gets the
    envelope instead: message is then text and data.errors names the field."""

    code = fields.Integer(metadata={"example": 400})
    success = fields.Boolean(metadata={"example": False})
    message = fields.Raw(
        metadata={
            "description": "{status: 'fail', result: the reason}; text in the envelope's case",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "status": {"type": "string", "example": "fail"},
                        "result": {"type": "string", "description": "Why it was refused"},
                    },
                },
                {"type": "string"},
            ],
        }
    )
    data = fields.Dict(metadata={"description": "The envelope's {errors} (envelope case only)"})
