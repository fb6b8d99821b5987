"""The chat operations: each a function from a validated payload to a Reply.

The REST views in app/chat/routes.py and the old POST /legacy action payload
(app/chat/legacy.py) both call these, so the two ways in cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple
from uuid import UUID

from flask import Response
from psycopg.types.json import Jsonb

from app.auth.access import current_customer_id
from app.auth.login import log_in
from app.chat import queries
from app.chat.schemas import (
    has_content,
)
from app.http import (
    RawJSON,
    api_ok,
    found,
    joined,
)
from app.params import jsonb


class Reply(NamedTuple):
    """What an operation answers: the envelope's data, message and meta."""

    data: Any
    message: str
    meta: dict[str, Any] | None = None


Operation = Callable[[dict[str, Any]], Reply]


def respond(reply: Reply) -> Response:
    return api_ok(reply.data, reply.message, meta=reply.meta)


# The session columns a message write may set (SessionMetadataSchema).
_SESSION_KEYS = (
    "session_name",
    "ai_character_name",
    "ai_text_gen_model",
    "tags",
    "auto_trigger_tts",
    "claude_session_id",
)


def _session_patch(payload: dict[str, Any], keys: tuple[str, ...]) -> Jsonb | None:
    """The session part of a write as the statement's patch. A null leaves the column as it
    is, as in the original, whose message and task writes never clear a session field: only
    the keys sent with a value are in the patch."""
    return jsonb({key: payload[key] for key in keys if payload.get(key) is not None})


def _session_fields(payload: dict[str, Any]) -> dict[str, Any]:
    """The session part of a message write (POST and PATCH /messages)."""
    return {
        "session_id": payload.get("session_id"),
        "session": _session_patch(payload, _SESSION_KEYS),
        "update_last_mod_time": payload["update_last_mod_time"],
        "user_settings": jsonb(payload["user_settings"]),
    }


def _with_session(
    written: RawJSON | dict[str, Any], session_id: UUID, include: bool
) -> RawJSON | dict[str, Any]:
    """A message write's answer and, when asked, {"session": the session as it is now}: read
    by a statement of its own, since the write's statement sees the session as it was."""
    if not include:
        return written
    session = queries.select_session(
        customer_id=current_customer_id(), session_id=session_id, include_messages=True
    )
    # None: the session went (deleted by a request in between); the write goes with the 404.
    return joined(written, RawJSON(found(session, "session")))


def _page_meta(total: int, payload: dict[str, Any]) -> dict[str, int]:
    return {"total": total, "offset": payload["offset"], "limit": payload["limit"]}


# -- operations (also reached through POST /legacy)


def store_messages(payload: dict[str, Any]) -> Reply:
    """The user message, and the AI response when it has content, in one statement."""
    ai_response = payload.get("ai_response")
    written = queries.insert_message_pair(
        customer_id=current_customer_id(),
        **_session_fields(payload),
        user_message=jsonb(payload["user_message"]),
        ai_response=jsonb(ai_response) if ai_response and has_content(ai_response) else None,
        claude_code_data=jsonb(payload.get("claude_code_data")),
    )
    written = found(written, "session")
    answer = RawJSON(written["answer"])
    return Reply(
        _with_session(answer, written["session_id"], payload["include_messages"]),
        "Chat messages stored",
    )


# Which message objects PATCH /messages edits, where their ids go, and their default sender.
_EDITABLE = (("user_message", "user_message_id", "User"), ("ai_response", "ai_message_id", "AI"))


def edit_messages(payload: dict[str, Any]) -> Reply:
    customer_id = current_customer_id()
    session_id = found(
        queries.save_session(customer_id=customer_id, **_session_fields(payload)), "session"
    )
    # Ids gathered from the statements below, each of which writes one message: no row.
    written: dict[str, Any] = {
        "user_message_id": None,
        "ai_message_id": None,
        "session_id": str(session_id),
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
            message=jsonb(message),
            default_sender=sender,
            claude_code_data=jsonb(payload.get("claude_code_data")),
        )
        written[id_key] = row["message_id"]
        if row["replaced"]:
            written["replaced"].append(key)
    # As the original: an edit of a named session answers with the session as it is now.
    named = payload.get("session_id") is not None
    return Reply(_with_session(written, session_id, named), "Chat messages updated")


def update_message(payload: dict[str, Any]) -> Reply:
    message_id = queries.update_message(
        customer_id=current_customer_id(),
        message_id=payload["message_id"],
        patch=jsonb(payload.get("patch") or {}),
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
    return Reply(RawJSON(found(session, "session")), "Session retrieved")


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
        patch=jsonb(payload),
        clear_task_metadata=payload["clear_task_metadata"],
        update_last_mod_time=payload["update_last_mod_time"],
        last_update_override=payload.get("last_update_override"),
    )
    return Reply(RawJSON(found(session, "session")), "Session updated")


def remove_session(payload: dict[str, Any]) -> Reply:
    removed = queries.delete_session(
        customer_id=current_customer_id(), session_id=payload["session_id"]
    )
    return Reply(RawJSON(found(removed, "session")), "Session removed")


def create_task(payload: dict[str, Any]) -> Reply:
    session = queries.save_task_session(
        customer_id=current_customer_id(),
        session_id=payload.get("session_id"),
        session=_session_patch(payload, ("session_name", "ai_character_name")),
        task_priority=payload["task_priority"],
        task_description=payload["task_description"],
    )
    return Reply(RawJSON(found(session, "session")), "Task created")


def list_prompts(_payload: dict[str, Any]) -> Reply:
    return Reply(
        RawJSON(queries.list_prompts(customer_id=current_customer_id())), "Prompts retrieved"
    )


def add_prompt(payload: dict[str, Any]) -> Reply:
    prompt = queries.insert_prompt(
        customer_id=current_customer_id(), title=payload["title"], prompt=payload["prompt"]
    )
    return Reply(RawJSON(prompt), "Prompt created")


def edit_prompt(payload: dict[str, Any]) -> Reply:
    prompt = queries.update_prompt(
        customer_id=current_customer_id(),
        prompt_id=payload["prompt_id"],
        patch=jsonb(payload),
    )
    return Reply(RawJSON(found(prompt, "prompt")), "Prompt updated")


def remove_prompt(payload: dict[str, Any]) -> Reply:
    found(
        queries.delete_prompt(customer_id=current_customer_id(), prompt_id=payload["prompt_id"])
        or None,
        "prompt",
    )
    return Reply({"removed_count": 1, "prompt_id": payload["prompt_id"]}, "Prompt removed")


def chat_login(payload: dict[str, Any]) -> Reply:
    """The main login; the original chat client also reads the user's ids at the top level."""
    session = log_in(payload.get("email") or payload["username"], payload["password"])
    return Reply(joined(session.answer, session.ids), "Logged in")


def favorites(payload: dict[str, Any]) -> Reply:
    session = queries.select_favorites(
        customer_id=current_customer_id(),
        include_session_metadata=payload["include_session_metadata"],
    )
    return Reply(RawJSON(session), "Favorites retrieved")


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
