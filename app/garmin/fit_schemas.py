"""Schemas of the .FIT import routes: the upload's query string and the answers (for the docs;
PostgreSQL builds each imported activity's JSON)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.schemas import ActingSchema


class FitUploadQuerySchema(ActingSchema):
    file_name = fields.String(
        validate=validate.Length(min=1, max=500),
        metadata={"description": "The name to record for a raw application/vnd.ant.fit body."},
    )


class FitStoredSchema(Schema):
    records = fields.Integer(metadata={"description": "record messages in the file"})
    hr_records = fields.Integer(metadata={"description": "records that carry a heart rate"})
    hr_samples = fields.Integer(
        metadata={
            "description": "heart-rate samples stored (one per second: a device's two "
            "records in the same second keep the later)"
        }
    )
    gps_points = fields.Integer(metadata={"description": "track points, in degrees"})
    laps = fields.Integer()


class FitImportSchema(Schema):
    activity_id = fields.Integer()
    customer_id = fields.Integer()
    calendar_date = fields.Date()
    activity_type = fields.String(allow_none=True, metadata={"description": "the FIT sport"})
    activity_name = fields.String(allow_none=True)
    activity_start_time = fields.String()
    time_offset = fields.Integer(
        allow_none=True, metadata={"description": "device clock minus UTC, in seconds"}
    )
    activity_duration = fields.Float(allow_none=True, metadata={"description": "timer seconds"})
    activity_elapsed_duration = fields.Float(allow_none=True)
    activity_distance = fields.Float(allow_none=True, metadata={"description": "metres"})
    activity_calories = fields.Float(allow_none=True)
    activity_average_hr = fields.Float(allow_none=True)
    activity_max_hr = fields.Float(allow_none=True)
    activity_start_latitude = fields.Float(allow_none=True)
    activity_start_longitude = fields.Float(allow_none=True)
    training_load_method = fields.String(
        allow_none=True, validate=validate.OneOf(["device", "banister_trimp"])
    )
    training_load = fields.Float(allow_none=True)
    hr_training_load = fields.Float(
        allow_none=True, metadata={"description": "Banister TRIMP from the samples and profile"}
    )
    file = fields.Dict(metadata={"description": "identity, content hash, name, size, created"})
    device = fields.Dict(metadata={"description": "manufacturer, product, serial, software"})
    stored = fields.Nested(FitStoredSchema)
    laps = fields.List(fields.Dict())


class FitFileResultSchema(Schema):
    file_name = fields.String(allow_none=True)
    status = fields.String(validate=validate.OneOf(["imported", "unchanged", "refused"]))
    activity = fields.Nested(FitImportSchema, allow_none=True)
    error = fields.String(allow_none=True, metadata={"description": "why a file was refused"})


class FitUploadResultSchema(Schema):
    items = fields.List(fields.Nested(FitFileResultSchema))
    imported = fields.Integer()
    unchanged = fields.Integer()
    refused = fields.Integer()
