"""The training routes' answers, as the OpenAPI document declares them (PostgreSQL builds
the JSON; the contract test validates each answer against these)."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields


class TrainingRowSchema(Schema):
    """One stored row: the table's columns."""

    class Meta:
        unknown = INCLUDE


class TrainingRowsSchema(Schema):
    items = fields.List(fields.Dict())
    count = fields.Integer()


class WeeklySummarySchema(Schema):
    weeks = fields.List(fields.Dict())
    count = fields.Integer()


class HrSamplesSchema(Schema):
    activity_id = fields.Integer()
    downsampled = fields.Boolean()
    count = fields.Integer()
    samples = fields.List(fields.Dict())


class HrUploadResultSchema(Schema):
    activity_id = fields.Integer()
    mode = fields.String()
    written = fields.Integer()
    deleted = fields.Integer()


class CompletionSchema(Schema):
    workout_id = fields.Integer()
    activity_id = fields.Integer()
    completed = fields.Boolean()
    was_completed = fields.Boolean(metadata={"description": "completed, by seed 002's name"})
