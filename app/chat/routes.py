"""/api/v1/chat: the chat history store — messages, sessions, prompts, groups, summaries, the
favorites export and the file audit. Paths and payloads follow the original service.

The routes that POST /legacy (app/chat/legacy.py) also serves do their work in an operation, a
function from the validated payload to a Reply; the view and the legacy dispatcher both call
it, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple
from uuid import UUID

from flask import Response
from psycopg.types.json import Jsonb

from app.auth.access import auth_required, current_customer_id
from app.auth.login import log_in
from app.chat import queries
from app.chat.schemas import (
    MAX_GROUP_MEMBERS,
    ChatLoginSchema,
    ChatTokenSchema,
    ConvertToGroupSchema,
    FavoritesHolderSchema,
    FavoritesQuerySchema,
    FilePageSchema,
    FileQuerySchema,
    GroupCreateSchema,
    GroupListSchema,
    GroupMembersSchema,
    GroupMessagesQuerySchema,
    GroupMessagesSchema,
    GroupSchema,
    GroupUpdateSchema,
    MessageCreateSchema,
    MessageEditSchema,
    MessageIdSchema,
    MessagesRemoveSchema,
    MessageUpdateSchema,
    MessageWriteSchema,
    PromptCreateSchema,
    PromptDeleteSchema,
    PromptListSchema,
    PromptPatchSchema,
    PromptSchema,
    PromptUpdateSchema,
    RemovedSchema,
    SearchResultSchema,
    SessionDetailSchema,
    SessionHolderSchema,
    SessionListQuerySchema,
    SessionPageSchema,
    SessionRemoveSchema,
    SessionSearchSchema,
    SessionUpdateSchema,
    StaleListSchema,
    StaleQuerySchema,
    SummarySchema,
    SummaryWriteSchema,
    TaskCreateSchema,
    has_content,
)
from app.http import (
    ApiError,
    DomainBlueprint,
    RawJSON,
    api_ok,
    dumps,
    envelope,
    found,
    register_constraint,
)
from app.schemas import ActingSchema

blp = DomainBlueprint(
    "chat",
    __name__,
    domain="main",
    url_prefix="/api/v1/chat",
    description="Chat history: sessions, messages, prompts, groups, summaries, search.",
)
register_constraint(
    "chat_sessions_group_fkey", "group_id", "You have no group chat with this group_id."
)


class Reply(NamedTuple):
    """What an operation answers: the envelope's data, message and meta."""

    data: Any
    message: str
    meta: dict[str, Any] | None = None


Operation = Callable[[dict[str, Any]], Reply]


def respond(reply: Reply) -> Response:
    return api_ok(reply.data, reply.message, meta=reply.meta)


def _with_json(data: dict[str, Any], **built: str) -> RawJSON:
    """`data` plus members whose values are JSON text PostgreSQL built."""
    members = [dumps(data)[1:-1]] if data else []
    members += [f"{dumps(name)}: {text}" for name, text in built.items()]
    return RawJSON("{" + ", ".join(members) + "}")


def _jsonb(value: dict[str, Any] | None) -> Jsonb | None:
    return None if value is None else Jsonb(value)


def _session_fields(payload: dict[str, Any]) -> dict[str, Any]:
    """The session part of a message write (POST and PATCH /messages)."""
    return {
        "session_id": payload.get("session_id"),
        "session_name": payload.get("session_name"),
        "ai_character_name": payload.get("ai_character_name"),
        "ai_text_gen_model": payload.get("ai_text_gen_model"),
        "tags": payload.get("tags"),
        "auto_trigger_tts": payload.get("auto_trigger_tts"),
        "claude_session_id": payload.get("claude_session_id"),
        "update_last_mod_time": payload["update_last_mod_time"],
        "user_settings": Jsonb(payload["user_settings"]),
    }


def _with_session(written: dict[str, Any], include: bool) -> dict[str, Any] | RawJSON:
    if not include:
        return written
    session = queries.select_session(
        customer_id=current_customer_id(), session_id=written["session_id"], include_messages=True
    )
    return _with_json(written, session=session)


def _page_meta(total: int, payload: dict[str, Any]) -> dict[str, int]:
    return {"total": total, "offset": payload["offset"], "limit": payload["limit"]}


# -- operations (also reached through POST /legacy)


def store_messages(payload: dict[str, Any]) -> Reply:
    """The user message, and the AI response when it has content, in one statement."""
    ai_response = payload.get("ai_response")
    written = queries.insert_message_pair(
        customer_id=current_customer_id(),
        **_session_fields(payload),
        user_message=Jsonb(payload["user_message"]),
        ai_response=Jsonb(ai_response) if ai_response and has_content(ai_response) else None,
        claude_code_data=_jsonb(payload.get("claude_code_data")),
    )
    written = found(written, "session")
    return Reply(_with_session(written, payload["include_messages"]), "Chat messages stored")


# Which message objects PATCH /messages edits, where their ids go, and their default sender.
_EDITABLE = (("user_message", "user_message_id", "User"), ("ai_response", "ai_message_id", "AI"))


def edit_messages(payload: dict[str, Any]) -> Reply:
    customer_id = current_customer_id()
    session_id = found(
        queries.save_session(customer_id=customer_id, **_session_fields(payload)), "session"
    )
    written: dict[str, Any] = {
        "user_message_id": None,
        "ai_message_id": None,
        "session_id": session_id,
        "replaced": [],
    }
    for key, id_key, sender in _EDITABLE:
        message = payload.get(key)
        message_id = (message or {}).get("message_id") or None  # clients send 0 for "new"
        # As for POST: an AI response with nothing in it is not stored as a new message.
        if not message or (sender == "AI" and message_id is None and not has_content(message)):
            continue
        row = queries.upsert_message(
            customer_id=customer_id,
            session_id=session_id,
            message_id=message_id,
            message=Jsonb(message),
            default_sender=sender,
            claude_code_data=_jsonb(payload.get("claude_code_data")),
        )
        written[id_key] = row["message_id"]
        if row["replaced"]:
            written["replaced"].append(key)
    # As the original: an edit of a named session answers with the session as it is now.
    named = payload.get("session_id") is not None
    return Reply(_with_session(written, named), "Chat messages updated")


def update_message(payload: dict[str, Any]) -> Reply:
    message_id = queries.update_message(
        customer_id=current_customer_id(),
        message_id=payload["message_id"],
        patch=Jsonb(payload.get("patch") or {}),
        append_image_locations=payload["append_image_locations"],
    )
    return Reply({"message_id": found(message_id, "message")}, "Message updated")


def remove_messages(payload: dict[str, Any]) -> Reply:
    removed = queries.delete_messages(
        customer_id=current_customer_id(),
        session_id=payload["session_id"],
        message_ids=payload["message_ids"],
    )
    return Reply(RawJSON(found(removed, "session")), "Messages removed")


def list_sessions(payload: dict[str, Any]) -> Reply:
    page = queries.list_sessions(
        customer_id=current_customer_id(),
        start_date=payload.get("start_date"),
        end_date=payload.get("end_date"),
        tags=payload.get("tags") or None,
        ai_character_name=payload.get("ai_character_name"),
        task_status=payload.get("task_status"),
        task_priority=payload.get("task_priority"),
        page_offset=payload["offset"],
        page_limit=payload["limit"] or None,  # 0: no limit, as the original
        include_messages=payload["include_messages"],
    )
    return Reply(RawJSON(page["data"]), "Sessions retrieved", _page_meta(page["total"], payload))


def session_detail(payload: dict[str, Any]) -> Reply:
    customer_id = current_customer_id()
    session_id = payload.get("session_id") or queries.select_character_session(
        customer_id=customer_id, ai_character_name=payload["ai_character_name"]
    )
    session = queries.select_session(
        customer_id=customer_id, session_id=session_id, include_messages=payload["include_messages"]
    )
    return Reply(_with_json({}, session=found(session, "session")), "Session retrieved")


def search_sessions(payload: dict[str, Any]) -> Reply:
    text = (payload.get("search_text") or "").strip()
    if not text:
        # The original answered an empty search with the newest sessions, in the same shape.
        everything = {"offset": 0, "include_messages": False, "limit": payload["limit"]}
        return list_sessions(everything)
    found = queries.search_sessions(
        customer_id=current_customer_id(), search_text=text, page_limit=payload["limit"]
    )
    return Reply(RawJSON(found), "Sessions matched")


def update_session(payload: dict[str, Any]) -> Reply:
    session = queries.update_session(
        customer_id=current_customer_id(),
        session_id=payload["session_id"],
        session_name=payload.get("session_name"),
        ai_character_name=payload.get("ai_character_name"),
        auto_trigger_tts=payload.get("auto_trigger_tts"),
        ai_text_gen_model=payload.get("ai_text_gen_model"),
        tags=payload.get("tags"),
        claude_session_id=payload.get("claude_session_id"),
        group_id=payload.get("group_id"),
        task_status=payload.get("task_status"),
        task_priority=payload.get("task_priority"),
        task_description=payload.get("task_description"),
        clear_task_metadata=payload["clear_task_metadata"],
        update_last_mod_time=payload["update_last_mod_time"],
        last_update_override=payload.get("last_update_override"),
    )
    return Reply(_with_json({}, session=found(session, "session")), "Session updated")


def remove_session(payload: dict[str, Any]) -> Reply:
    removed = queries.delete_session(
        customer_id=current_customer_id(), session_id=payload["session_id"]
    )
    return Reply(RawJSON(found(removed, "session")), "Session removed")


def create_task(payload: dict[str, Any]) -> Reply:
    session = queries.save_task_session(
        customer_id=current_customer_id(),
        session_id=payload.get("session_id"),
        ai_character_name=payload.get("ai_character_name"),
        session_name=payload.get("session_name"),
        task_priority=payload["task_priority"],
        task_description=payload["task_description"],
    )
    return Reply(_with_json({}, session=found(session, "session")), "Task created")


def list_prompts(_payload: dict[str, Any]) -> Reply:
    return Reply(
        RawJSON(queries.list_prompts(customer_id=current_customer_id())), "Prompts retrieved"
    )


def add_prompt(payload: dict[str, Any]) -> Reply:
    prompt = queries.insert_prompt(
        customer_id=current_customer_id(), title=payload["title"], prompt=payload["prompt"]
    )
    return Reply(prompt, "Prompt created")


def edit_prompt(payload: dict[str, Any]) -> Reply:
    prompt = queries.update_prompt(
        customer_id=current_customer_id(),
        prompt_id=payload["prompt_id"],
        title=payload.get("title"),
        prompt=payload.get("prompt"),
    )
    return Reply(found(prompt, "prompt"), "Prompt updated")


def remove_prompt(payload: dict[str, Any]) -> Reply:
    found(
        queries.delete_prompt(customer_id=current_customer_id(), prompt_id=payload["prompt_id"])
        or None,
        "prompt",
    )
    return Reply({"removed_count": 1, "prompt_id": payload["prompt_id"]}, "Prompt removed")


def chat_login(payload: dict[str, Any]) -> Reply:
    """The main login; the original chat client also reads the user's ids at the top level."""
    token = log_in(payload.get("email") or payload["username"], payload["password"])
    user = token["user"]
    ids = {name: user[name] for name in ("customer_id", "username", "email")}
    return Reply(token | ids, "Logged in")


def favorites(payload: dict[str, Any]) -> Reply:
    session = queries.select_favorites(
        customer_id=current_customer_id(),
        include_session_metadata=payload["include_session_metadata"],
    )
    return Reply(_with_json({}, session=session), "Favorites retrieved")


def files_report(payload: dict[str, Any]) -> Reply:
    page = queries.list_file_messages(
        customer_id=current_customer_id(),
        older_then_date=payload.get("older_then_date"),
        younger_then_date=payload.get("younger_then_date"),
        exact_filename=payload.get("exact_filename"),
        ai_only=payload["ai_only"],
        file_extension=payload.get("file_extension"),
        check_image_locations=payload["check_image_locations"],
        page_offset=payload["offset"],
        page_limit=payload["limit"] or None,  # 0: no limit, as the original
    )
    return Reply(
        RawJSON(page["data"]), "Messages with files retrieved", _page_meta(page["total"], payload)
    )


# -- messages


@blp.route("/messages", methods=["POST"])
@auth_required
@blp.arguments(MessageCreateSchema)
@blp.response(200, envelope(MessageWriteSchema))
def post_messages(payload):
    """Store a user message and the AI response; with no session_id, in a new session."""
    return respond(store_messages(payload))


@blp.route("/messages", methods=["PATCH"])
@auth_required
@blp.arguments(MessageEditSchema)
@blp.response(200, envelope(MessageWriteSchema))
def patch_messages(payload):
    """Edit messages by message_id; one that no longer exists is stored again as new."""
    return respond(edit_messages(payload))


@blp.route("/messages", methods=["PUT"])
@auth_required
@blp.arguments(MessageUpdateSchema)
@blp.response(200, envelope(MessageIdSchema))
def put_messages(payload):
    """Partly update one message; append_image_locations keeps the stored images."""
    return respond(update_message(payload))


@blp.route("/messages", methods=["DELETE"])
@auth_required
@blp.arguments(MessagesRemoveSchema)
@blp.response(200, envelope(RemovedSchema))
def delete_messages(payload):
    """Delete messages of one session."""
    return respond(remove_messages(payload))


# -- sessions


@blp.route("/sessions/list", methods=["POST"])
@auth_required
@blp.arguments(SessionListQuerySchema)
@blp.response(200, envelope(SessionPageSchema))
def post_sessions_list(payload):
    """A page of sessions, newest first, filtered by dates, tags, character and task."""
    return respond(list_sessions(payload))


@blp.route("/sessions/detail", methods=["POST"])
@auth_required
@blp.arguments(SessionDetailSchema)
@blp.response(200, envelope(SessionHolderSchema))
def post_sessions_detail(payload):
    """One session with its messages in time order."""
    return respond(session_detail(payload))


@blp.route("/sessions/search", methods=["POST"])
@auth_required
@blp.arguments(SessionSearchSchema)
@blp.response(200, envelope(SearchResultSchema))
def post_sessions_search(payload):
    """Substring search (any letter case) over messages and session, character and group names;
    whole-word matches rank first."""
    return respond(search_sessions(payload))


@blp.route("/sessions", methods=["PATCH"])
@auth_required
@blp.arguments(SessionUpdateSchema)
@blp.response(200, envelope(SessionHolderSchema))
def patch_sessions(payload):
    """Rename, retag, relink or change the task fields of a session."""
    return respond(update_session(payload))


@blp.route("/sessions", methods=["DELETE"])
@auth_required
@blp.arguments(SessionRemoveSchema)
@blp.response(200, envelope(RemovedSchema))
def delete_sessions(payload):
    """Delete a session with its messages and summary."""
    return respond(remove_session(payload))


@blp.route("/sessions/create-task", methods=["POST"])
@auth_required
@blp.arguments(TaskCreateSchema)
@blp.response(200, envelope(SessionHolderSchema))
def post_sessions_create_task(payload):
    """Make a session (a new one, or session_id) an active task."""
    return respond(create_task(payload))


# -- prompts


@blp.route("/prompts", methods=["GET"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(PromptListSchema))
def get_prompts(args):
    """The saved prompts."""
    return respond(list_prompts(args))


@blp.route("/prompts/list", methods=["POST"])
@auth_required
@blp.arguments(ActingSchema)
@blp.response(200, envelope(PromptListSchema))
def post_prompts_list(payload):
    """The saved prompts (the form the original handbook names)."""
    return respond(list_prompts(payload))


@blp.route("/prompts", methods=["POST"])
@auth_required
@blp.arguments(PromptCreateSchema)
@blp.response(200, envelope(PromptSchema))
def post_prompts(payload):
    """Save a prompt."""
    return respond(add_prompt(payload))


@blp.route("/prompts", methods=["PUT"])
@auth_required
@blp.arguments(PromptUpdateSchema)
@blp.response(200, envelope(PromptSchema))
def put_prompts(payload):
    """Change a prompt's title or text."""
    return respond(edit_prompt(payload))


@blp.route("/prompts/<int:prompt_id>", methods=["PUT"])
@auth_required
@blp.arguments(PromptPatchSchema)
@blp.response(200, envelope(PromptSchema))
def put_prompt(payload, prompt_id):
    """Change a prompt's title or text."""
    return respond(edit_prompt(payload | {"prompt_id": prompt_id}))


@blp.route("/prompts", methods=["DELETE"])
@auth_required
@blp.arguments(PromptDeleteSchema)
@blp.response(200, envelope(RemovedSchema))
def delete_prompts(payload):
    """Delete a prompt."""
    return respond(remove_prompt(payload))


@blp.route("/prompts/<int:prompt_id>", methods=["DELETE"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(RemovedSchema))
def delete_prompt(_args, prompt_id):
    """Delete a prompt."""
    return respond(remove_prompt({"prompt_id": prompt_id}))


# -- groups


def change_group(customer_id: int, group_id: UUID, payload: dict[str, Any]) -> None:
    """Apply a PATCH /groups/<id>. A refused member change raises after the statement ran, so
    the request's rollback undoes it."""
    changed = queries.update_group(
        customer_id=customer_id,
        group_id=group_id,
        name=payload.get("name"),
        context_window_size=payload.get("context_window_size"),
        add_agents=payload["add_agents"],
        remove_agents=payload["remove_agents"],
    )
    if found(changed, "group")["leader_agent"] in payload["remove_agents"]:
        message = "The leader agent cannot be removed."
        raise ApiError(400, message, {"remove_agents": [message]})
    if changed["member_count"] > MAX_GROUP_MEMBERS:
        message = f"A group has at most {MAX_GROUP_MEMBERS} agents."
        raise ApiError(400, message, {"add_agents": [message]})


@blp.route("/groups", methods=["GET"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(GroupListSchema))
def get_groups(_args):
    """The group chats, most recently changed first, with their members."""
    return api_ok(
        RawJSON(queries.list_groups(customer_id=current_customer_id())), "Groups retrieved"
    )


@blp.route("/groups", methods=["POST"])
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


@blp.route("/groups/<uuid:group_id>", methods=["GET"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(GroupSchema))
def get_group(_args, group_id: UUID):
    """One group chat with its members."""
    group = found(
        queries.select_group(customer_id=current_customer_id(), group_id=group_id), "group"
    )
    return api_ok(RawJSON(group), "Group retrieved")


@blp.route("/groups/<uuid:group_id>", methods=["PATCH"])
@auth_required
@blp.arguments(GroupUpdateSchema)
@blp.response(200, envelope(GroupSchema))
def patch_group(payload, group_id: UUID):
    """Rename, resize the context window, add or remove agents (never the leader)."""
    customer_id = current_customer_id()
    change_group(customer_id, group_id, payload)
    return api_ok(
        RawJSON(queries.select_group(customer_id=customer_id, group_id=group_id)), "Group updated"
    )


@blp.route("/groups/<uuid:group_id>", methods=["DELETE"])
@auth_required
@blp.arguments(ActingSchema, location="query")
@blp.response(200, envelope(RemovedSchema))
def delete_group(_args, group_id: UUID):
    """Delete a group chat; its sessions stay, as one-agent chats."""
    found(
        queries.delete_group(customer_id=current_customer_id(), group_id=group_id) or None, "group"
    )
    return api_ok({"removed_count": 1, "group_id": group_id}, "Group deleted")


@blp.route("/groups/<uuid:group_id>/members", methods=["PATCH"])
@auth_required
@blp.arguments(GroupMembersSchema)
@blp.response(200, envelope(GroupSchema))
def patch_group_members(payload, group_id: UUID):
    """The original's member change: add agents at the end, remove any but the leader."""
    customer_id = current_customer_id()
    change_group(customer_id, group_id, payload)
    return api_ok(
        RawJSON(queries.select_group(customer_id=customer_id, group_id=group_id)), "Group updated"
    )


@blp.route("/groups/<uuid:group_id>/messages", methods=["GET"])
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


@blp.route("/groups/sessions/<uuid:session_id>/convert-to-group", methods=["POST"])
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


# -- summaries


def _save_summary(session_id: UUID, payload: dict[str, Any]) -> str | None:
    return queries.upsert_summary(
        customer_id=current_customer_id(),
        session_id=session_id,
        summary=payload["summary"],
        key_topics=payload["key_topics"],
        main_entities=payload["main_entities"],
        tags=payload.get("tags"),
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
    return respond(favorites(args))


@blp.route("/maintenance/files", methods=["POST"])
@auth_required
@blp.arguments(FileQuerySchema)
@blp.response(200, envelope(FilePageSchema))
def post_maintenance_files(payload):
    """The file audit: a page of messages with attachments, filtered by date, name, type."""
    return respond(files_report(payload))


@blp.route("/auth/login", methods=["POST"])
@blp.arguments(ChatLoginSchema)
@blp.response(200, envelope(ChatTokenSchema))
def post_auth_login(payload):
    """Log in (the main login, where the original chat client calls it)."""
    return respond(chat_login(payload))
