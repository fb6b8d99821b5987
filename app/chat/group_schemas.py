"""Payloads and answers of the group-chat routes (group_routes.py, original_groups.py)."""

from __future__ import annotations

from typing import Any

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    validates_schema,
)
from marshmallow.validate import Length, OneOf, Range

from app.chat.schemas import (
    GROUP_MODES,
    MAX_GROUP_MEMBERS,
    MAX_PAGE,
    AgentName,
    NullKeepsSchema,
    PageOffset,
)
from app.schemas import ActingSchema


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
