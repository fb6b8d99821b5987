"""/api/v1/groups: the original's group-chat routes, at its path and in its answer shapes.

The original answered these without the envelope: a GroupResponse (`id`, `user_id`, members
without role), `{"groups": [...]}`, `{"status": "deleted"}` and `{"messages", "total"}`. Its
web front end reads those bodies, so this blueprint answers them as they were; the operations
and their checks are the ones of /api/v1/chat/groups (app/chat/group_routes.py). Errors use the
service's envelope.
"""

from __future__ import annotations

from uuid import UUID

from flask import Response
from marshmallow import Schema, fields

from app.auth.access import auth_required, current_customer_id
from app.chat import queries
from app.chat.group_routes import change_group, convert_session
from app.chat.group_schemas import (
    ConvertToGroupSchema,
    GroupCreateSchema,
    GroupMembersSchema,
    GroupMessagesQuerySchema,
    GroupMessagesSchema,
    GroupUpdateSchema,
)
from app.chat.schemas import GROUP_MODES
from app.http import ApiBlueprint, found
from app.schemas import ActingSchema

blp = ApiBlueprint(
    "groups",
    __name__,
    database="main",
    url_prefix="/api/v1/groups",
    description="The original's group-chat routes and answer shapes (no envelope).",
)


class OriginalMemberSchema(Schema):
    agent_name = fields.String()
    position = fields.Integer()
    last_response_at = fields.DateTime(allow_none=True)


class OriginalGroupSchema(Schema):
    id = fields.UUID()
    user_id = fields.Integer()
    name = fields.String(allow_none=True)
    mode = fields.String(metadata={"enum": list(GROUP_MODES)})
    leader_agent = fields.String()
    context_window_size = fields.Integer()
    members = fields.List(fields.Nested(OriginalMemberSchema))
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class OriginalGroupListSchema(Schema):
    groups = fields.List(fields.Nested(OriginalGroupSchema))


class OriginalDeletedSchema(Schema):
    status = fields.String(metadata={"enum": ["deleted"]})


def _bare(text: str) -> Response:
    """JSON text PostgreSQL built, answered as it is (the original had no envelope here)."""
    return Response(text, mimetype="application/json")


def _group(group_id: UUID) -> Response:
    return _bare(
        found(
            queries.select_original_group(customer_id=current_customer_id(), group_id=group_id),
            "group",
        )
    )


@blp.route("", methods=["GET"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, OriginalGroupListSchema)
def list_groups(_args):
    """Your group chats, most recently changed first."""
    return _bare(queries.list_original_groups(customer_id=current_customer_id()))


@blp.route("", methods=["POST"])
@auth_required
@blp.arguments(GroupCreateSchema)
@blp.response(200, OriginalGroupSchema)
def create_group(payload):
    """Create a group chat of 2-20 agents in speaking order."""
    group_id = queries.insert_group(
        customer_id=current_customer_id(),
        name=payload.get("name"),
        mode=payload["mode"],
        context_window_size=payload["context_window_size"],
        agents=payload["agents"],
    )
    return _group(group_id)


@blp.route("/<uuid:group_id>", methods=["GET"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, OriginalGroupSchema)
def get_group(_args, group_id: UUID):
    """One group chat with its members."""
    return _group(group_id)


@blp.route("/<uuid:group_id>", methods=["PATCH"])
@auth_required
@blp.arguments(GroupUpdateSchema)
@blp.response(200, OriginalGroupSchema)
def update_group(payload, group_id: UUID):
    """Rename or resize the context window (and, as /api/v1/chat/groups, change members)."""
    change_group(current_customer_id(), group_id, payload)
    return _group(group_id)


@blp.route("/<uuid:group_id>/members", methods=["PATCH"])
@auth_required
@blp.arguments(GroupMembersSchema)
@blp.response(200, OriginalGroupSchema)
def update_members(payload, group_id: UUID):
    """Add agents at the end, remove any but the leader."""
    change_group(current_customer_id(), group_id, payload)
    return _group(group_id)


@blp.route("/<uuid:group_id>", methods=["DELETE"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, OriginalDeletedSchema)
def delete_group(_args, group_id: UUID):
    """Delete a group chat; its sessions stay, as one-agent chats."""
    found(
        queries.delete_group(customer_id=current_customer_id(), group_id=group_id) or None, "group"
    )
    return _bare('{"status": "deleted"}')


@blp.route("/<uuid:group_id>/messages", methods=["GET"])
@auth_required
@blp.arguments(GroupMessagesQuerySchema, location="query")
@blp.response(200, GroupMessagesSchema)
def group_messages(args, group_id: UUID):
    """The group's conversation in time order, one page."""
    page = queries.list_group_messages(
        customer_id=current_customer_id(),
        group_id=group_id,
        page_limit=args["limit"],
        page_offset=args["offset"],
    )
    return _bare(found(page, "group"))


@blp.route("/sessions/<uuid:session_id>/convert-to-group", methods=["POST"])
@auth_required
@blp.arguments(ConvertToGroupSchema)
@blp.response(200, OriginalGroupSchema)
def convert_to_group(payload, session_id: UUID):
    """Make a one-agent session a group chat: its character first, then the given agents."""
    return _group(convert_session(session_id, payload))
