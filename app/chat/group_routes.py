"""/api/v1/chat/groups: multi-agent group chats with their members and messages, and the
conversion of a one-agent session into a group. /api/v1/groups (original_groups.py) serves the
same operations in the original's bare answer shapes.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response

from app.auth.access import auth_required, current_customer_id
from app.chat import queries
from app.chat.answer_schemas import RemovedSchema
from app.chat.group_schemas import (
    ConvertToGroupSchema,
    GroupCreateSchema,
    GroupListSchema,
    GroupMembersSchema,
    GroupMessagesQuerySchema,
    GroupMessagesSchema,
    GroupSchema,
    GroupUpdateSchema,
)
from app.chat.schemas import MAX_GROUP_MEMBERS
from app.http import (
    ApiBlueprint,
    ApiError,
    RawJSON,
    api_ok,
    envelope,
    found,
)
from app.params import jsonb
from app.schemas import ActingSchema

blp = ApiBlueprint(
    "chat_groups",
    __name__,
    database="main",
    url_prefix="/api/v1/chat/groups",
    description="Group chats of several agents: members, messages, convert a session.",
)


# -- groups


def change_group(customer_id: int, group_id: UUID, payload: dict[str, Any]) -> None:
    """Apply a PATCH /groups/<id>. A refused member change raises after the statement ran, so
    the request's rollback undoes it."""
    changed = queries.update_group(
        customer_id=customer_id,
        group_id=group_id,
        patch=jsonb(payload),
        add_agents=payload["add_agents"],
        remove_agents=payload["remove_agents"],
    )
    if found(changed, "group")["leader_agent"] in payload["remove_agents"]:
        message = "The leader agent cannot be removed."
        raise ApiError(400, message, {"remove_agents": [message]})
    if changed["member_count"] > MAX_GROUP_MEMBERS:
        message = f"A group has at most {MAX_GROUP_MEMBERS} agents."
        raise ApiError(400, message, {"add_agents": [message]})


@blp.route("", methods=["GET"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(GroupListSchema))
def get_groups(_args):
    """The group chats, most recently changed first, with their members."""
    return api_ok(
        RawJSON(queries.list_groups(customer_id=current_customer_id())), "Groups retrieved"
    )


@blp.route("", methods=["POST"])
@auth_required
@blp.arguments(GroupCreateSchema)
@blp.response(200, envelope(GroupSchema))
def post_groups(payload):
    """Create a group chat of 2-20 agents in speaking order."""
    customer_id = current_customer_id()
    group_id = queries.insert_group(
        customer_id=customer_id,
        name=payload.get("name"),
        mode=payload["mode"],
        context_window_size=payload["context_window_size"],
        agents=payload["agents"],
    )
    return api_ok(
        RawJSON(queries.select_group(customer_id=customer_id, group_id=group_id)), "Group created"
    )


@blp.route("/<uuid:group_id>", methods=["GET"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(GroupSchema))
def get_group(_args, group_id: UUID):
    """One group chat with its members."""
    group = found(
        queries.select_group(customer_id=current_customer_id(), group_id=group_id), "group"
    )
    return api_ok(RawJSON(group), "Group retrieved")


@blp.route("/<uuid:group_id>", methods=["PATCH"])
@auth_required
@blp.arguments(GroupUpdateSchema)
@blp.response(200, envelope(GroupSchema))
def patch_group(payload, group_id: UUID):
    """Rename, resize the context window, add or remove agents (never the leader)."""
    return _changed(group_id, payload)


@blp.route("/<uuid:group_id>", methods=["DELETE"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(RemovedSchema))
def delete_group(_args, group_id: UUID):
    """Delete a group chat; its sessions stay, as one-agent chats."""
    found(
        queries.delete_group(customer_id=current_customer_id(), group_id=group_id) or None, "group"
    )
    return api_ok({"removed_count": 1, "group_id": group_id}, "Group deleted")


@blp.route("/<uuid:group_id>/members", methods=["PATCH"])
@auth_required
@blp.arguments(GroupMembersSchema)
@blp.response(200, envelope(GroupSchema))
def patch_group_members(payload, group_id: UUID):
    """The original's member change: add agents at the end, remove any but the leader."""
    return _changed(group_id, payload)


def _changed(group_id: UUID, payload: dict[str, Any]) -> Response:
    """Apply a group change and answer with the group as it is now."""
    customer_id = current_customer_id()
    change_group(customer_id, group_id, payload)
    return api_ok(
        RawJSON(queries.select_group(customer_id=customer_id, group_id=group_id)), "Group updated"
    )


@blp.route("/<uuid:group_id>/messages", methods=["GET"])
@auth_required
@blp.arguments(GroupMessagesQuerySchema, location="query")
@blp.response(200, envelope(GroupMessagesSchema))
def get_group_messages(args, group_id: UUID):
    """The group's conversation in time order, one page, in the original's message shape."""
    page = queries.list_group_messages(
        customer_id=current_customer_id(),
        group_id=group_id,
        page_limit=args["limit"],
        page_offset=args["offset"],
    )
    meta = {"limit": args["limit"], "offset": args["offset"]}
    return api_ok(RawJSON(found(page, "group")), "Group messages retrieved", meta=meta)


@blp.route("/sessions/<uuid:session_id>/convert-to-group", methods=["POST"])
@auth_required
@blp.arguments(ConvertToGroupSchema)
@blp.response(200, envelope(GroupSchema))
def convert_to_group(payload, session_id: UUID):
    """Make a one-agent session a group chat: its character first, then the given agents; the
    session keeps its messages as the group's history."""
    group_id = convert_session(session_id, payload)
    group = queries.select_group(customer_id=current_customer_id(), group_id=group_id)
    return api_ok(RawJSON(group), "Session converted to a group chat")


def convert_session(session_id: UUID, payload: dict[str, Any]) -> UUID:
    """Convert the caller's session (a loaded ConvertToGroupSchema); returns the new group's
    id. Refusals raise before anything is written (the statement writes all or nothing)."""
    made = queries.convert_session_to_group(
        customer_id=current_customer_id(),
        session_id=session_id,
        name=payload["name"],
        mode=payload["mode"],
        context_window_size=payload["context_window_size"],
        agents=payload["agents"],
        max_agents=MAX_GROUP_MEMBERS,
    )
    if not made["session_found"]:
        raise ApiError(404, "Session not found.")
    if made["already_group"]:
        raise ApiError(
            400, "The session is already a group chat.", {"session_id": ["Already a group."]}
        )
    if made["group_id"] is None:
        message = f"A group needs 2 to {MAX_GROUP_MEMBERS} agents, the session's own included."
        raise ApiError(400, message, {"agents": [message]})
    return made["group_id"]
