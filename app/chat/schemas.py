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
    Schema,
    ValidationError,
    fields,
    post_load,
    pre_load,
    validates_schema,
)
from marshmallow.validate import Length, OneOf, Range

from app.auth.schemas import TokenSchema
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


# -- groups


def _distinct(names: list[str], field: str) -> None:
    if len(set(names)) != len(names):
        raise ValidationError("Name each agent once.", field)


class GroupCreateSchema(ActingSchema):
    name = fields.String(allow_none=True, validate=Length(min=1, max=255))
    mode = fields.String(required=True, validate=OneOf(GROUP_MODES))
    agents = fields.List(
        AgentName(),
        required=True,
        validate=Length(min=2, max=MAX_GROUP_MEMBERS),
        metadata={"description": "In speaking order; 'sherlock' leads if present, else the first."},
    )
    context_window_size = fields.Integer(load_default=6, validate=Range(min=3, max=10))

    @validates_schema
    def _distinct_agents(self, data: dict[str, Any], **_: Any) -> None:
        _distinct(data["agents"], "agents")


class GroupUpdateSchema(NullKeepsSchema):
    name = fields.String(allow_none=True, validate=Length(min=1, max=255))
    context_window_size = fields.Integer(allow_none=True, validate=Range(min=3, max=10))
    add_agents = fields.List(AgentName(), load_default=list)
    remove_agents = fields.List(AgentName(), load_default=list)

    @validates_schema
    def _consistent_agents(self, data: dict[str, Any], **_: Any) -> None:
        _distinct(data["add_agents"], "add_agents")
        _distinct(data["remove_agents"], "remove_agents")
        if set(data["add_agents"]) & set(data["remove_agents"]):
            raise ValidationError("An agent cannot be both added and removed.", "add_agents")


class GroupMembersSchema(ActingSchema):
    """The original's PATCH /groups/<id>/members: add or remove agents, order kept."""

    add_agents = fields.List(AgentName(), load_default=list, allow_none=True)
    remove_agents = fields.List(AgentName(), load_default=list, allow_none=True)

    @post_load
    def _lists(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        # The original took null for "none".
        data["add_agents"] = data["add_agents"] or []
        data["remove_agents"] = data["remove_agents"] or []
        return data

    @validates_schema
    def _consistent_agents(self, data: dict[str, Any], **_: Any) -> None:
        add, remove = data.get("add_agents") or [], data.get("remove_agents") or []
        _distinct(add, "add_agents")
        _distinct(remove, "remove_agents")
        if set(add) & set(remove):
            raise ValidationError("An agent cannot be both added and removed.", "add_agents")


class ConvertToGroupSchema(ActingSchema):
    """The original's ConvertToGroupRequest: the session's own agent is included first."""

    agents = fields.List(
        AgentName(),
        required=True,
        validate=Length(max=MAX_GROUP_MEMBERS),
        metadata={"description": "Agents to add to the session's own character."},
    )
    mode = fields.String(load_default="explicit", validate=OneOf(GROUP_MODES))
    name = fields.String(allow_none=True, load_default=None, validate=Length(min=1, max=255))
    context_window_size = fields.Integer(load_default=6, validate=Range(min=3, max=10))


class GroupMessagesQuerySchema(ActingSchema):
    limit = fields.Integer(
        load_default=50,
        validate=Range(min=1, max=MAX_PAGE),
        metadata={
            "description": f"Messages per page (the original's default 50; at most {MAX_PAGE})."
        },
    )
    offset = PageOffset()


class GroupMessageSchema(Schema):
    id = fields.String(metadata={"description": "The message_id, as text (the original's shape)."})
    role = fields.String(metadata={"enum": ["user", "assistant"]})
    content = fields.String(allow_none=True)
    agent_name = fields.String(allow_none=True)
    timestamp = fields.DateTime()


class GroupMessagesSchema(Schema):
    messages = fields.List(fields.Nested(GroupMessageSchema))
    total = fields.Integer()


# -- summaries


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


# -- login alias and legacy dispatcher


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


class LegacyRequestSchema(ActingSchema):
    """The old automation payload. `user_input` is the body of the route the action names."""

    action = fields.String(required=True)
    category = fields.String(allow_none=True, validate=OneOf(["provider.db"]))
    user_input = fields.Dict(load_default=dict)
    user_settings = fields.Dict(load_default=dict)
    session_id = fields.String(allow_none=True)
    asset_input = fields.Raw(allow_none=True)


# -- responses (documentation of what PostgreSQL builds)


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


class GroupMemberSchema(Schema):
    agent_name = fields.String()
    position = fields.Integer()
    role = fields.String(metadata={"enum": ["leader", "member"]})
    last_response_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()


class GroupSchema(Schema):
    group_id = fields.UUID()
    customer_id = fields.Integer()
    name = fields.String(allow_none=True)
    mode = fields.String(metadata={"enum": list(GROUP_MODES)})
    leader_agent = fields.String()
    context_window_size = fields.Integer()
    members = fields.List(fields.Nested(GroupMemberSchema))
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class GroupListSchema(Schema):
    groups = fields.List(fields.Nested(GroupSchema))


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


class FilePageSchema(Schema):
    messages = fields.List(fields.Nested(ChatMessageSchema))
    count = fields.Integer(metadata={"description": "Messages on this page; meta.total: all."})


class ChatTokenSchema(TokenSchema):
    customer_id = fields.Integer()
    username = fields.String(allow_none=True)
    email = fields.String()


class LegacyResultSchema(Schema):
    status = fields.String(metadata={"example": "completed"})
    result = fields.Raw(metadata={"description": "The data the mapped route answers with."})


class LegacyResponseSchema(Schema):
    code = fields.Integer(metadata={"example": 200})
    success = fields.Boolean()
    message = fields.Nested(LegacyResultSchema)
