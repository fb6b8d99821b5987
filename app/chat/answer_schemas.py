"""The answers of the chat routes: what PostgreSQL builds, as the OpenAPI document declares
it (tests/test_contract.py holds every answer to these)."""

from __future__ import annotations

from marshmallow import (
    Schema,
    fields,
)

from app.auth.schemas import TokenSchema
from app.chat.schemas import (
    SENDERS,
    TASK_PRIORITIES,
    TASK_STATUSES,
)


class ChatMessageSchema(Schema):
    message_id = fields.Integer()
    session_id = fields.UUID()
    customer_id = fields.Integer()
    sender = fields.String(metadata={"enum": list(SENDERS)})
    message = fields.String(allow_none=True)
    ai_reasoning = fields.String(allow_none=True)
    image_locations = fields.List(fields.String())
    image_description = fields.String(allow_none=True)
    file_locations = fields.List(fields.String())
    chart_data = fields.List(fields.Dict(), allow_none=True)
    ai_character_name = fields.String(allow_none=True)
    is_tts = fields.Boolean()
    api_text_gen_model_name = fields.String(allow_none=True)
    api_text_gen_settings = fields.Dict(allow_none=True)
    api_tts_gen_model_name = fields.String(allow_none=True)
    api_image_gen_settings = fields.Dict(allow_none=True)
    image_generation_request = fields.Dict(allow_none=True)
    claude_code_data = fields.Dict(allow_none=True)
    is_gps_location_message = fields.Boolean()
    show_transcribe_button = fields.Boolean()
    favorite = fields.Boolean()
    test_mode = fields.Boolean()
    responding_agent = fields.String(allow_none=True)
    time_to_first_token_ms = fields.Integer(allow_none=True)
    total_generation_ms = fields.Integer(allow_none=True)
    created_at = fields.DateTime()


class ChatSessionSchema(Schema):
    session_id = fields.UUID()
    customer_id = fields.Integer()
    session_name = fields.String()
    ai_character_name = fields.String()
    ai_text_gen_model = fields.String(allow_none=True)
    auto_trigger_tts = fields.Boolean()
    claude_session_id = fields.String(allow_none=True)
    tags = fields.List(fields.String())
    group_id = fields.UUID(allow_none=True)
    group_name = fields.String(allow_none=True)
    created_at = fields.DateTime()
    last_update = fields.DateTime()
    task_status = fields.String(allow_none=True, metadata={"enum": list(TASK_STATUSES)})
    task_priority = fields.String(allow_none=True, metadata={"enum": list(TASK_PRIORITIES)})
    task_description = fields.String(allow_none=True)
    messages = fields.List(
        fields.Nested(ChatMessageSchema), metadata={"description": "When asked for."}
    )


class SessionHolderSchema(Schema):
    session = fields.Nested(ChatSessionSchema)


class FavoritesSessionSchema(ChatSessionSchema):
    """The pseudo-session of the favorites export: its id is 'favorites_' and a fresh uuid."""

    session_id = fields.String(
        metadata={
            "pattern": "^favorites_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
            "example": "favorites_0b9f4c2e-5d1a-4e8b-9c3d-2f6a7b8c9d0e",
        }
    )


class FavoritesHolderSchema(Schema):
    session = fields.Nested(FavoritesSessionSchema)


class SessionPageSchema(Schema):
    sessions = fields.List(fields.Nested(ChatSessionSchema))
    count = fields.Integer(metadata={"description": "Sessions on this page; meta.total: all."})


class SearchHitSchema(ChatSessionSchema):
    rank = fields.Float()
    match_count = fields.Integer(metadata={"description": "Matching messages."})
    snippet = fields.String(metadata={"description": "Matches marked <b>...</b>."})


class SearchResultSchema(Schema):
    sessions = fields.List(fields.Nested(SearchHitSchema))
    count = fields.Integer()


class MessageWriteSchema(Schema):
    user_message_id = fields.Integer(allow_none=True)
    ai_message_id = fields.Integer(allow_none=True)
    session_id = fields.UUID()
    session = fields.Nested(ChatSessionSchema, metadata={"description": "When asked for."})
    replaced = fields.List(
        fields.String(),
        metadata={
            "description": "PATCH: the edited messages that no longer existed and were "
            "stored again as new ones."
        },
    )


class MessageIdSchema(Schema):
    message_id = fields.Integer()


class RemovedSchema(Schema):
    removed_count = fields.Integer()
    message_ids = fields.List(fields.Integer())
    session_id = fields.UUID()
    prompt_id = fields.Integer()
    group_id = fields.UUID()


class PromptSchema(Schema):
    prompt_id = fields.Integer()
    customer_id = fields.Integer()
    title = fields.String()
    prompt = fields.String()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class PromptListSchema(Schema):
    prompts = fields.List(fields.Nested(PromptSchema))


class FilePageSchema(Schema):
    messages = fields.List(fields.Nested(ChatMessageSchema))
    count = fields.Integer(metadata={"description": "Messages on this page; meta.total: all."})


class ChatTokenSchema(TokenSchema):
    customer_id = fields.Integer()
    username = fields.String(allow_none=True)
    email = fields.String()
