"""/api/v1/chat: messages, sessions, prompts, summaries, the favorites export, the file audit
and the login alias. Paths and payloads follow the original service. Each view validates, then
calls its operation (app/chat/operations.py) or its query; group chats are in group_routes.py,
the old POST /legacy action payload in legacy.py.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from app.auth.access import auth_required, current_customer_id
from app.chat import operations, queries
from app.chat.answer_schemas import (
    ChatTokenSchema,
    FavoritesHolderSchema,
    FilePageSchema,
    MessageIdSchema,
    MessageWriteSchema,
    PromptListSchema,
    PromptSchema,
    RemovedSchema,
    SearchResultSchema,
    SessionHolderSchema,
    SessionPageSchema,
)
from app.chat.operations import respond
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
    PromptPatchSchema,
    PromptUpdateSchema,
    SessionDetailSchema,
    SessionListQuerySchema,
    SessionRemoveSchema,
    SessionSearchSchema,
    SessionUpdateSchema,
    TaskCreateSchema,
)
from app.chat.summary_schemas import (
    StaleListSchema,
    StaleQuerySchema,
    SummarySchema,
    SummaryWriteSchema,
)
from app.http import (
    ApiBlueprint,
    RawJSON,
    api_ok,
    envelope,
    found,
    register_constraint,
)
from app.params import jsonb
from app.schemas import ActingSchema

blp = ApiBlueprint(
    "chat",
    __name__,
    database="main",
    url_prefix="/api/v1/chat",
    description="Chat history: sessions, messages, prompts, groups, summaries, search.",
)
register_constraint(
    "chat_sessions_group_fkey", "group_id", "You have no group chat with this group_id."
)


# -- messages


@blp.route("/messages", methods=["POST"])
@auth_required
@blp.arguments(MessageCreateSchema)
@blp.response(200, envelope(MessageWriteSchema))
def post_messages(payload):
    """Store a user message and the AI response; with no session_id, in a new session."""
    return respond(operations.store_messages(payload))


@blp.route("/messages", methods=["PATCH"])
@auth_required
@blp.arguments(MessageEditSchema)
@blp.response(200, envelope(MessageWriteSchema))
def patch_messages(payload):
    """Edit messages by message_id; one that no longer exists is stored again as new."""
    return respond(operations.edit_messages(payload))


@blp.route("/messages", methods=["PUT"])
@auth_required
@blp.arguments(MessageUpdateSchema)
@blp.response(200, envelope(MessageIdSchema))
def put_messages(payload):
    """Partly update one message; append_image_locations keeps the stored images."""
    return respond(operations.update_message(payload))


@blp.route("/messages", methods=["DELETE"])
@auth_required
@blp.arguments(MessagesRemoveSchema)
@blp.response(200, envelope(RemovedSchema))
def delete_messages(payload):
    """Delete messages of one session."""
    return respond(operations.remove_messages(payload))


# -- sessions


@blp.route("/sessions/list", methods=["POST"])
@auth_required
@blp.arguments(SessionListQuerySchema)
@blp.response(200, envelope(SessionPageSchema))
def post_sessions_list(payload):
    """A page of sessions, newest first, filtered by dates, tags, character and task."""
    return respond(operations.list_sessions(payload))


@blp.route("/sessions/detail", methods=["POST"])
@auth_required
@blp.arguments(SessionDetailSchema)
@blp.response(200, envelope(SessionHolderSchema))
def post_sessions_detail(payload):
    """One session with its messages in time order."""
    return respond(operations.session_detail(payload))


@blp.route("/sessions/search", methods=["POST"])
@auth_required
@blp.arguments(SessionSearchSchema)
@blp.response(200, envelope(SearchResultSchema))
def post_sessions_search(payload):
    """Substring search (any letter case) over messages and session, character and group names;
    whole-word matches rank first."""
    return respond(operations.search_sessions(payload))


@blp.route("/sessions", methods=["PATCH"])
@auth_required
@blp.arguments(SessionUpdateSchema)
@blp.response(200, envelope(SessionHolderSchema))
def patch_sessions(payload):
    """Rename, retag, relink or change the task fields of a session."""
    return respond(operations.update_session(payload))


@blp.route("/sessions", methods=["DELETE"])
@auth_required
@blp.arguments(SessionRemoveSchema)
@blp.response(200, envelope(RemovedSchema))
def delete_sessions(payload):
    """Delete a session with its messages and summary."""
    return respond(operations.remove_session(payload))


@blp.route("/sessions/create-task", methods=["POST"])
@auth_required
@blp.arguments(TaskCreateSchema)
@blp.response(200, envelope(SessionHolderSchema))
def post_sessions_create_task(payload):
    """Make a session (a new one, or session_id) an active task."""
    return respond(operations.create_task(payload))


# -- prompts


@blp.route("/prompts", methods=["GET"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(PromptListSchema))
def get_prompts(args):
    """The saved prompts."""
    return respond(operations.list_prompts(args))


@blp.route("/prompts/list", methods=["POST"])
@auth_required
@blp.arguments(ActingSchema)
@blp.response(200, envelope(PromptListSchema))
def post_prompts_list(payload):
    """The saved prompts (the form the original handbook names)."""
    return respond(operations.list_prompts(payload))


@blp.route("/prompts", methods=["POST"])
@auth_required
@blp.arguments(PromptCreateSchema)
@blp.response(200, envelope(PromptSchema))
def post_prompts(payload):
    """Save a prompt."""
    return respond(operations.add_prompt(payload))


@blp.route("/prompts", methods=["PUT"])
@auth_required
@blp.arguments(PromptUpdateSchema)
@blp.response(200, envelope(PromptSchema))
def put_prompts(payload):
    """Change a prompt's title or text."""
    return respond(operations.edit_prompt(payload))


@blp.route("/prompts/<int:prompt_id>", methods=["PUT"])
@auth_required
@blp.arguments(PromptPatchSchema)
@blp.response(200, envelope(PromptSchema))
def put_prompt(payload, prompt_id):
    """Change a prompt's title or text."""
    return respond(operations.edit_prompt(payload | {"prompt_id": prompt_id}))


@blp.route("/prompts", methods=["DELETE"])
@auth_required
@blp.arguments(PromptDeleteSchema)
@blp.response(200, envelope(RemovedSchema))
def delete_prompts(payload):
    """Delete a prompt."""
    return respond(operations.remove_prompt(payload))


@blp.route("/prompts/<int:prompt_id>", methods=["DELETE"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(RemovedSchema))
def delete_prompt(_args, prompt_id):
    """Delete a prompt."""
    return respond(operations.remove_prompt({"prompt_id": prompt_id}))


# -- summaries


def _save_summary(session_id: UUID, payload: dict[str, Any]) -> str | None:
    return queries.upsert_summary(
        customer_id=current_customer_id(),
        session_id=session_id,
        summary=payload["summary"],
        key_topics=jsonb(payload["key_topics"]),
        main_entities=jsonb(payload["main_entities"]),
        tags=jsonb(payload.get("tags")),
        message_count=payload.get("message_count"),
        first_message_date=payload.get("first_message_date"),
        last_message_date=payload.get("last_message_date"),
        summary_model=payload["summary_model"],
        summary_config_version=payload["summary_config_version"],
    )


@blp.route("/sessions/<uuid:session_id>/summary", methods=["GET"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(SummarySchema))
def get_summary(_args, session_id: UUID):
    """A session's summary and whether it is stale."""
    summary = found(
        queries.select_summary(customer_id=current_customer_id(), session_id=session_id),
        "session summary",
    )
    return api_ok(RawJSON(summary), "Summary retrieved")


@blp.route("/sessions/<uuid:session_id>/summary", methods=["PUT"])
@auth_required
@blp.arguments(SummaryWriteSchema)
@blp.response(200, envelope(SummarySchema))
def put_summary(payload, session_id: UUID):
    """Write a session's summary, replacing the previous one (the summariser worker)."""
    summary = found(_save_summary(session_id, payload), "session")
    return api_ok(RawJSON(summary), "Summary saved")


@blp.route("/summaries/stale", methods=["GET"])
@auth_required
@blp.arguments(StaleQuerySchema, location="query")
@blp.response(200, envelope(StaleListSchema))
def get_stale_summaries(args):
    """Sessions whose summary is missing or stale, oldest change first (the summariser's list)."""
    stale = queries.list_stale_summaries(
        customer_id=current_customer_id(),
        min_messages=args["min_messages"],
        page_limit=args["limit"],
    )
    return api_ok(RawJSON(stale), "Stale summaries listed")


# -- maintenance and the login alias


@blp.route("/maintenance/favorites", methods=["GET"])
@auth_required
@blp.arguments(FavoritesQuerySchema, location="query")
@blp.response(200, envelope(FavoritesHolderSchema))
def get_favorites(args):
    """All favorite messages, newest first, as one pseudo-session 'favorites_<uuid>'."""
    return respond(operations.favorites(args))


@blp.route("/maintenance/files", methods=["POST"])
@auth_required
@blp.arguments(FileQuerySchema)
@blp.response(200, envelope(FilePageSchema))
def post_maintenance_files(payload):
    """The file audit: a page of messages with attachments, filtered by date, name, type."""
    return respond(operations.files_report(payload))


@blp.route("/auth/login", methods=["POST"])
@blp.arguments(ChatLoginSchema)
@blp.response(200, envelope(ChatTokenSchema))
def post_auth_login(payload):
    """Log in (the main login, where the original chat client calls it)."""
    return respond(operations.chat_login(payload))
