"""Payloads and answers of the session summaries (the summariser worker's routes)."""

from __future__ import annotations

from typing import Any

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    validates_schema,
)
from marshmallow.validate import Length, Range

from app.chat.schemas import Moment, PageLimit, Tags
from app.schemas import ActingSchema


class SummaryWriteSchema(ActingSchema):
    summary = fields.String(required=True, validate=Length(min=1))
    key_topics = fields.List(fields.String(), load_default=list)
    main_entities = fields.List(fields.String(), load_default=list)
    tags = Tags(allow_none=True, metadata={"description": "Default: the session's tags."})
    message_count = fields.Integer(
        allow_none=True,
        validate=Range(min=0),
        metadata={"description": "Default: the session's messages now."},
    )
    first_message_date = Moment()
    last_message_date = Moment()
    summary_model = fields.String(required=True, validate=Length(min=1, max=100))
    summary_config_version = fields.Integer(load_default=1, validate=Range(min=1))

    @validates_schema
    def _dates_in_order(self, data: dict[str, Any], **_: Any) -> None:
        first, last = data.get("first_message_date"), data.get("last_message_date")
        if first and last and first > last:
            raise ValidationError("Must not be before first_message_date.", "last_message_date")


class StaleQuerySchema(ActingSchema):
    limit = PageLimit()
    min_messages = fields.Integer(
        load_default=3,
        validate=Range(min=1),
        metadata={"description": "A session without summary counts from this many messages."},
    )


class SummarySchema(Schema):
    session_id = fields.UUID()
    customer_id = fields.Integer()
    summary = fields.String()
    key_topics = fields.List(fields.String())
    main_entities = fields.List(fields.String())
    message_count = fields.Integer()
    first_message_date = fields.DateTime()
    last_message_date = fields.DateTime()
    tags = fields.List(fields.String())
    summary_model = fields.String()
    summary_config_version = fields.Integer()
    generated_at = fields.DateTime()
    last_updated = fields.DateTime()
    is_stale = fields.Boolean(metadata={"description": "The session changed after it."})


class StaleSessionSchema(Schema):
    session_id = fields.UUID()
    customer_id = fields.Integer()
    session_name = fields.String()
    last_update = fields.DateTime()
    summary_last_updated = fields.DateTime(allow_none=True)
    message_count = fields.Integer()
    reason = fields.String(metadata={"enum": ["stale", "missing"]})


class StaleListSchema(Schema):
    sessions = fields.List(fields.Nested(StaleSessionSchema))
    count = fields.Integer()
