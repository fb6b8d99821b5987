"""Payloads of the chat routes: field names, defaults and limits of the original service.

Request bodies reject unknown fields (ActingSchema); message objects (`user_message`,
`ai_response`, `patch`) ignore keys they do not know, as the original clients send extras.
camelCase spellings are accepted everywhere (CamelCaseSchema).
"""

from __future__ import annotations

from datetime import UTC
from typing import Any
from uuid import UUID

from marshmallow import (
    EXCLUDE,
    ValidationError,
    fields,
    post_load,
    pre_load,
    validates_schema,
)
from marshmallow.validate import Length, OneOf, Range

from app.http import ApiError
from app.schemas import ActingSchema, CamelCaseSchema

SENDERS = ("User", "AI")
TASK_STATUSES = ("active", "waiting", "done")
TASK_STATUS_FILTERS = (*TASK_STATUSES, "any", "none")
TASK_PRIORITIES = ("high", "medium", "low")
GROUP_MODES = ("sequential", "leader_listeners", "explicit")
MAX_GROUP_MEMBERS = 20
MAX_PAGE = 200
# The fields that make a message worth storing (the original's "has content").
CONTENT_FIELDS = (
    "message",
    "image_locations",
    "file_locations",
    "ai_reasoning",
    "claude_code_data",
    "chart_data",
)


def has_content(message: dict[str, Any]) -> bool:
    return any(message.get(name) for name in CONTENT_FIELDS)


def Moment(**kwargs: Any) -> fields.AwareDateTime:
    """An ISO 8601 date or date-time; one without a zone is UTC."""
    return fields.AwareDateTime(default_timezone=UTC, allow_none=True, **kwargs)


def PageLimit() -> fields.Integer:
    return fields.Integer(load_default=30, validate=Range(min=1, max=MAX_PAGE))


def WholeListLimit() -> fields.Integer:
    """The original's limit where 0 meant "no limit" (the session list, the file audit):
    0 reads the whole list; otherwise 1..MAX_PAGE a page."""
    return fields.Integer(
        load_default=30,
        validate=Range(min=0, max=MAX_PAGE),
        metadata={"description": f"Rows a page, at most {MAX_PAGE}; 0: all of them."},
    )


def PageOffset() -> fields.Integer:
    return fields.Integer(load_default=0, validate=Range(min=0))


def Tags(**kwargs: Any) -> fields.List:
    return fields.List(fields.String(validate=Length(min=1, max=100)), **kwargs)


class AgentName(fields.String):
    """An agent's name, stored trimmed and lower-case so 'Sherlock ' and 'sherlock' match."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=Length(min=1, max=50), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return super()._deserialize(value, attr, data, **kwargs).strip().lower()


class SessionId(fields.String):
    """A session id as the original took it: a plain string (documented so). Empty means none
    (a new session where that is allowed); a string that is not a UUID names no session, so it
    is a 404 as for an unknown id, not a 400 (the original looked it up and found nothing)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        if text == "" and self.allow_none:
            return None
        if len(text) > 255:
            raise ValidationError("Longer than any session id (255 characters at most).")
        try:
            return UUID(text)
        except ValueError:
            raise ApiError(404, "Session not found.") from None


# -- messages


class MessagePatchSchema(CamelCaseSchema):
    """The fields PUT /messages may change. Unknown keys are ignored; null means keep."""

    class Meta:
        unknown = EXCLUDE

    message = fields.String(allow_none=True)
    ai_reasoning = fields.String(allow_none=True)
    image_locations = fields.List(fields.String(), allow_none=True)
    file_locations = fields.List(fields.String(), allow_none=True)
    chart_data = fields.List(fields.Dict(), allow_none=True)
    api_text_gen_model_name = fields.String(allow_none=True)
    api_text_gen_settings = fields.Dict(allow_none=True)
    api_tts_gen_model_name = fields.String(allow_none=True)
    api_image_gen_settings = fields.Dict(allow_none=True)
    image_generation_request = fields.Dict(allow_none=True)
    claude_code_data = fields.Dict(allow_none=True)
    favorite = fields.Boolean(allow_none=True)


class MessageInputSchema(MessagePatchSchema):
    """A message object (user_message, ai_response): the stored columns; extras are ignored."""

    message_id = fields.Integer(
        allow_none=True,
        validate=Range(min=0),
        metadata={"description": "The message to edit (PATCH); 0 or absent = a new message."},
    )
    sender = fields.String(allow_none=True, validate=OneOf(SENDERS))
    image_description = fields.String(allow_none=True)
    ai_character_name = fields.String(allow_none=True)
    is_tts = fields.Boolean(allow_none=True)
    is_gps_location_message = fields.Boolean(allow_none=True)
    show_transcribe_button = fields.Boolean(allow_none=True)
    test_mode = fields.Boolean(allow_none=True)
    responding_agent = fields.String(allow_none=True, validate=Length(max=50))
    time_to_first_token_ms = fields.Integer(allow_none=True, validate=Range(min=0))
    total_generation_ms = fields.Integer(allow_none=True, validate=Range(min=0))


class SessionMetadataSchema(ActingSchema):
    """Session fields a write may set; absent or null keeps the stored value."""

    session_name = fields.String(allow_none=True, validate=Length(max=100))
    ai_character_name = fields.String(allow_none=True, validate=Length(min=1, max=50))
    ai_text_gen_model = fields.String(allow_none=True, validate=Length(max=50))
    tags = Tags(allow_none=True)
    auto_trigger_tts = fields.Boolean(allow_none=True)
    claude_session_id = fields.String(allow_none=True, validate=Length(max=36))
    update_last_mod_time = fields.Boolean(load_default=True)


class MessageWriteBaseSchema(SessionMetadataSchema):
    session_id = SessionId(
        allow_none=True, metadata={"description": "Absent: a new session is created."}
    )
    claude_code_data = fields.Dict(
        allow_none=True, metadata={"description": "Stored on both messages."}
    )
    user_settings = fields.Dict(
        load_default=dict,
        metadata={"description": "text.ai_character names a new session's character."},
    )


class MessageCreateSchema(MessageWriteBaseSchema):
    user_message = fields.Nested(MessageInputSchema, required=True)
    ai_response = fields.Nested(MessageInputSchema, allow_none=True)
    include_messages = fields.Boolean(
        load_default=False, metadata={"description": "Answer with the session and its messages."}
    )

    @validates_schema
    def _user_message_has_content(self, data: dict[str, Any], **_: Any) -> None:
        if not has_content(data["user_message"]):
            raise ValidationError(
                "Give the message text, reasoning, an attachment or chart data.", "user_message"
            )


class MessageEditSchema(MessageWriteBaseSchema):
    user_message = fields.Nested(MessageInputSchema, allow_none=True)
    ai_response = fields.Nested(MessageInputSchema, allow_none=True)

    @validates_schema
    def _something_to_edit(self, data: dict[str, Any], **_: Any) -> None:
        if not (data.get("user_message") or data.get("ai_response")):
            raise ValidationError("Send user_message, ai_response or both.", "user_message")


class MessageUpdateSchema(ActingSchema):
    message_id = fields.Integer(required=True, validate=Range(min=1))
    patch = fields.Nested(MessagePatchSchema, allow_none=True)
    append_image_locations = fields.Boolean(
        load_default=False,
        metadata={"description": "Add patch.image_locations to the stored ones."},
    )


class MessagesRemoveSchema(ActingSchema):
    session_id = SessionId(required=True)
    message_ids = fields.List(
        fields.Integer(validate=Range(min=1)), required=True, validate=Length(min=1)
    )


# -- sessions


class SessionListQuerySchema(ActingSchema):
    start_date = Moment(metadata={"description": "last_update at or after."})
    end_date = Moment(metadata={"description": "last_update before."})
    tags = Tags(allow_none=True, metadata={"description": "Any of them, in any letter case."})
    ai_character_name = fields.String(allow_none=True)
    task_status = fields.String(allow_none=True, validate=OneOf(TASK_STATUS_FILTERS))
    task_priority = fields.String(allow_none=True, validate=OneOf(TASK_PRIORITIES))
    offset = PageOffset()
    limit = WholeListLimit()
    include_messages = fields.Boolean(load_default=False)


class SessionDetailSchema(ActingSchema):
    session_id = SessionId(allow_none=True)
    ai_character_name = fields.String(
        allow_none=True,
        validate=Length(min=1, max=50),
        metadata={"description": "Without session_id: this character's latest session."},
    )
    include_messages = fields.Boolean(load_default=True)

    @validates_schema
    def _session_named(self, data: dict[str, Any], **_: Any) -> None:
        if not (data.get("session_id") or data.get("ai_character_name")):
            raise ValidationError("Give session_id or ai_character_name.", "session_id")


class SessionSearchSchema(ActingSchema):
    search_text = fields.String(
        allow_none=True,
        load_default=None,
        validate=Length(max=500),
        metadata={
            "description": "A substring of a message or of a session, character or group name,"
            " in any letter case. Absent, null or blank (as the original): every session with"
            " messages or a task, newest first."
        },
    )
    limit = PageLimit()


class NullKeepsSchema(ActingSchema):
    """A change in the original's shape: its clients send null for "leave it as it is" (the
    original's Optional fields defaulted to None), so nulls are dropped on load and the
    statement's patch keeps those columns (app/params.py)."""

    @post_load
    def _drop_nulls(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {name: value for name, value in data.items() if value is not None}


class SessionUpdateSchema(NullKeepsSchema, SessionMetadataSchema):
    session_id = SessionId(required=True)
    group_id = fields.UUID(
        allow_none=True, metadata={"description": "Link the session to one of your groups."}
    )
    last_update_override = Moment()
    task_status = fields.String(allow_none=True, validate=OneOf(TASK_STATUSES))
    task_priority = fields.String(allow_none=True, validate=OneOf(TASK_PRIORITIES))
    task_description = fields.String(allow_none=True, validate=Length(max=500))
    clear_task_metadata = fields.Boolean(
        load_default=False, metadata={"description": "Empty status, priority and description."}
    )


class SessionRemoveSchema(ActingSchema):
    session_id = SessionId(required=True)


class TaskCreateSchema(ActingSchema):
    session_id = SessionId(
        allow_none=True, metadata={"description": "Mark this session; absent: a new session."}
    )
    ai_character_name = fields.String(allow_none=True, validate=Length(min=1, max=50))
    task_description = fields.String(required=True, validate=Length(min=1, max=500))
    task_priority = fields.String(load_default="medium", validate=OneOf(TASK_PRIORITIES))
    session_name = fields.String(allow_none=True, validate=Length(max=100))

    @validates_schema
    def _character_for_new_session(self, data: dict[str, Any], **_: Any) -> None:
        if not (data.get("session_id") or data.get("ai_character_name")):
            raise ValidationError("A new task session needs its character.", "ai_character_name")


# -- prompts


class PromptBaseSchema(ActingSchema):
    @pre_load
    def _prompt_text_alias(self, data: Any, **_: Any) -> Any:
        """The original accepts the prompt's text as `promptText` too."""
        if isinstance(data, dict) and "promptText" in data and "prompt" not in data:
            data = {**data, "prompt": data["promptText"]}
            del data["promptText"]
        return data


class PromptCreateSchema(PromptBaseSchema):
    title = fields.String(required=True, validate=Length(min=1, max=100))
    prompt = fields.String(required=True, validate=Length(min=1))


class PromptPatchSchema(NullKeepsSchema, PromptBaseSchema):
    title = fields.String(allow_none=True, validate=Length(min=1, max=100))
    prompt = fields.String(allow_none=True, validate=Length(min=1))


class PromptUpdateSchema(PromptPatchSchema):
    prompt_id = fields.Integer(required=True, validate=Range(min=1))


class PromptDeleteSchema(ActingSchema):
    prompt_id = fields.Integer(required=True, validate=Range(min=1))


# -- maintenance


class FavoritesQuerySchema(ActingSchema):
    include_session_metadata = fields.Boolean(load_default=True)


class FileQuerySchema(ActingSchema):
    older_then_date = Moment(metadata={"description": "Created at or before."})
    younger_then_date = Moment(metadata={"description": "Created at or after."})
    exact_filename = fields.String(
        allow_none=True,
        validate=Length(min=1, max=255),
        metadata={"description": "A location contains it (any letter case)."},
    )
    ai_only = fields.Boolean(load_default=False)
    file_extension = fields.String(
        allow_none=True,
        validate=Length(min=1, max=20),
        metadata={"description": "A location ends with it (any letter case)."},
    )
    check_image_locations = fields.Boolean(
        load_default=False, metadata={"description": "Count image_locations too."}
    )
    offset = PageOffset()
    limit = WholeListLimit()


# -- login alias


class ChatLoginSchema(ActingSchema):
    email = fields.Email()
    username = fields.String(
        validate=Length(min=1, max=320),
        metadata={"description": "The original's field: the account's email or its username."},
    )
    password = fields.String(required=True, load_only=True, validate=Length(min=1))

    @validates_schema
    def _email_given(self, data: dict[str, Any], **_: Any) -> None:
        if not (data.get("email") or data.get("username")):
            raise ValidationError("Give the account's email or username.", "email")
