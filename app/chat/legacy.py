"""POST /api/v1/chat/legacy: the old automation payload {action, user_input, user_settings,
customer_id, session_id, asset_input} (category provider.db), answered in the old shape
{code, success, message: {status: "completed", result}}.

ACTIONS is the whole mapping: each action names the request schema and the operation of the
route the original web client called for it; `user_input` is that route's body.
"""

from __future__ import annotations

from typing import Any

from flask import Response
from marshmallow import Schema, fields
from marshmallow.validate import OneOf

from app.auth.access import auth_required, current_customer_id
from app.chat import operations as ops
from app.chat.operations import Operation, Reply
from app.chat.schemas import (
    ChatLoginSchema,
    FavoritesQuerySchema,
    FileQuerySchema,
    MessageCreateSchema,
    MessageEditSchema,
    MessagesRemoveSchema,
    MessageUpdateSchema,
    PromptCreateSchema,
    PromptDeleteSchema,
    PromptUpdateSchema,
    SessionDetailSchema,
    SessionListQuerySchema,
    SessionRemoveSchema,
    SessionSearchSchema,
    SessionUpdateSchema,
)
from app.http import ApiBlueprint, ApiError, RawJSON, dumps
from app.schemas import ActingSchema


class LegacyRequestSchema(ActingSchema):
    """The old automation payload. `user_input` is the body of the route the action names."""

    action = fields.String(required=True)
    category = fields.String(allow_none=True, validate=OneOf(["provider.db"]))
    user_input = fields.Dict(load_default=dict)
    user_settings = fields.Dict(load_default=dict)
    session_id = fields.String(allow_none=True)
    asset_input = fields.Raw(allow_none=True)


class LegacyResultSchema(Schema):
    status = fields.String(metadata={"example": "completed"})
    result = fields.Raw(metadata={"description": "The data the mapped route answers with."})


class LegacyResponseSchema(Schema):
    code = fields.Integer(metadata={"example": 200})
    success = fields.Boolean()
    message = fields.Nested(LegacyResultSchema)


# A blueprint of its own, registered in app/factory.py like every other: one route, at the
# chat prefix, that answers in the old shape rather than the envelope.
blp = ApiBlueprint(
    "chat_legacy",
    __name__,
    database="main",
    url_prefix="/api/v1/chat/legacy",
    description="The old automation payload of the chat store, answered in its old shape.",
)

ACTIONS: dict[str, tuple[type[Schema], Operation]] = {
    "db_new_message": (MessageCreateSchema, ops.store_messages),  # POST /messages
    "db_edit_message": (MessageEditSchema, ops.edit_messages),  # PATCH /messages
    "db_update_message": (MessageUpdateSchema, ops.update_message),  # PUT /messages
    "db_remove_messages": (MessagesRemoveSchema, ops.remove_messages),  # DELETE /messages
    "db_all_sessions_for_user": (SessionListQuerySchema, ops.list_sessions),
    "db_get_user_session": (SessionDetailSchema, ops.session_detail),
    "db_search_messages": (SessionSearchSchema, ops.search_sessions),
    "db_update_session": (SessionUpdateSchema, ops.update_session),  # PATCH /sessions
    "db_remove_session": (SessionRemoveSchema, ops.remove_session),  # DELETE /sessions
    "db_get_all_prompts": (ActingSchema, ops.list_prompts),  # GET /prompts
    "db_add_prompt": (PromptCreateSchema, ops.add_prompt),  # POST /prompts
    "db_edit_prompt": (PromptUpdateSchema, ops.edit_prompt),  # PUT /prompts
    "db_remove_prompt": (PromptDeleteSchema, ops.remove_prompt),  # DELETE /prompts
    "db_auth_user": (ChatLoginSchema, ops.chat_login),  # POST /auth/login
    "db_get_favorite_messages": (FavoritesQuerySchema, ops.favorites),
    "db_get_messages_with_files_attached": (FileQuerySchema, ops.files_report),
}

# Old field names the web client renamed before calling the routes.
RENAMED = {
    "new_session_name": "session_name",
    "new_ai_character_name": "ai_character_name",
    "update_last_mod_time_in_db": "update_last_mod_time",
}
# History the old payloads carried for features this store does not serve; the client dropped it.
DROPPED = ("chat_history", "new_session_from_here_full_chat_history")
# db_update_message sent these beside message_id; the route takes them as its patch.
PATCH_FIELDS = ("message", "ai_reasoning", "image_locations", "file_locations")
# Top-level fields of the old payload that belong in the route's body when it takes them.
CARRIED = ("session_id", "user_settings")


def route_body(schema: Schema, request: dict[str, Any]) -> dict[str, Any]:
    """The body of the mapped route, built from the old payload as the web client built it."""
    body = {key: value for key, value in request["user_input"].items() if key not in DROPPED}
    nested_customer_id = body.pop("customer_id", None)
    if nested_customer_id not in (None, current_customer_id()):
        message = "Name the user to act for in the top-level customer_id."
        raise ApiError(400, message, {"user_input": {"customer_id": [message]}})
    for old, new in RENAMED.items():
        if old in body and new in schema.fields:
            body.setdefault(new, body.pop(old))
    if "patch" in schema.fields and "patch" not in body:
        patch = {name: body.pop(name) for name in PATCH_FIELDS if name in body}
        if patch:
            body["patch"] = patch
    for name in CARRIED:
        if name in schema.fields and name not in body and request.get(name):
            body[name] = request[name]
    return body


def legacy_response(reply: Reply) -> Response:
    result = reply.data.text if isinstance(reply.data, RawJSON) else dumps(reply.data)
    head = '{"code": 200, "success": true, "message": {"status": "completed", "result": '
    return Response(head + result + "}}", mimetype="application/json")


def _mapped(action: str) -> tuple[type[Schema], Operation]:
    if action not in ACTIONS:
        supported = ", ".join(ACTIONS)
        message = f"Unknown action {action!r}; supported actions: {supported}."
        raise ApiError(400, message, {"action": [message]})
    return ACTIONS[action]


@blp.route("", methods=["POST"])
@auth_required
@blp.arguments(LegacyRequestSchema)
@blp.response(200, LegacyResponseSchema)
def post_legacy(payload):
    """The old automation payload: runs the route its action names, answers in the old shape."""
    schema_class, operation = _mapped(payload["action"])
    schema = schema_class()
    return legacy_response(operation(schema.load(route_body(schema, payload))))
