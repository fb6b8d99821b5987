"""Chat history: one typed function per file in sql/chat/ (see app.db.query).

Message objects and patches travel as one jsonb parameter each (psycopg's Jsonb); the SQL maps
them onto the chat_messages columns with jsonb_populate_record. Functions returning `str` return
JSON text that PostgreSQL built.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from uuid import UUID

from psycopg.types.json import Jsonb

from app.db import Row
from app.db import query as bound_query

# The database every statement below runs on; its search_path: aiapp (app/config.py).
query = partial(bound_query, database="main")

# -- messages


@query("chat/insert_message_pair")
def insert_message_pair(
    *,
    customer_id: int,
    session_id: UUID | None,
    session: Jsonb | None,
    update_last_mod_time: bool,
    user_settings: Jsonb,
    user_message: Jsonb,
    ai_response: Jsonb | None,
    claude_code_data: Jsonb | None,
) -> Row | None: ...


@query("chat/save_session")
def save_session(
    *,
    customer_id: int,
    session_id: UUID | None,
    session: Jsonb | None,
    update_last_mod_time: bool,
    user_settings: Jsonb,
) -> UUID | None: ...


@query("chat/upsert_message")
def upsert_message(
    *,
    customer_id: int,
    session_id: UUID,
    message_id: int | None,
    message: Jsonb,
    default_sender: str,
    claude_code_data: Jsonb | None,
) -> Row: ...


@query("chat/update_message")
def update_message(
    *, customer_id: int, message_id: int, patch: Jsonb, append_image_locations: bool
) -> int | None: ...


@query("chat/delete_messages")
def delete_messages(
    *, customer_id: int, session_id: UUID, message_ids: list[int]
) -> str | None: ...


# -- sessions


@query("chat/list_sessions")
def list_sessions(
    *,
    customer_id: int,
    start_date: datetime | None,
    end_date: datetime | None,
    tags: list[str] | None,
    ai_character_name: str | None,
    task_status: str | None,
    task_priority: str | None,
    page_offset: int,
    page_limit: int,
    include_messages: bool,
) -> Row: ...


@query("chat/select_session")
def select_session(*, customer_id: int, session_id: UUID, include_messages: bool) -> str | None: ...


@query("chat/select_character_session")
def select_character_session(*, customer_id: int, ai_character_name: str) -> UUID: ...


@query("chat/search_sessions")
def search_sessions(*, customer_id: int, search_text: str, page_limit: int) -> str: ...


@query("chat/update_session")
def update_session(
    *,
    customer_id: int,
    session_id: UUID,
    patch: Jsonb,
    clear_task_metadata: bool,
    update_last_mod_time: bool,
    last_update_override: datetime | None,
) -> str | None: ...


@query("chat/delete_session")
def delete_session(*, customer_id: int, session_id: UUID) -> str | None: ...


@query("chat/save_task_session")
def save_task_session(
    *,
    customer_id: int,
    session_id: UUID | None,
    session: Jsonb | None,
    task_priority: str,
    task_description: str,
) -> str | None: ...


# -- prompts


@query("chat/list_prompts")
def list_prompts(*, customer_id: int) -> str: ...


@query("chat/insert_prompt")
def insert_prompt(*, customer_id: int, title: str, prompt: str) -> str: ...


@query("chat/update_prompt")
def update_prompt(*, customer_id: int, prompt_id: int, patch: Jsonb) -> str | None: ...


@query("chat/delete_prompt")
def delete_prompt(*, customer_id: int, prompt_id: int) -> int: ...


# -- groups


@query("chat/insert_group")
def insert_group(
    *, customer_id: int, name: str | None, mode: str, context_window_size: int, agents: list[str]
) -> UUID: ...


@query("chat/select_group")
def select_group(*, customer_id: int, group_id: UUID) -> str | None: ...


@query("chat/list_group_messages")
def list_group_messages(
    *, customer_id: int, group_id: UUID, page_limit: int, page_offset: int
) -> str | None: ...


@query("chat/convert_session_to_group")
def convert_session_to_group(
    *,
    customer_id: int,
    session_id: UUID,
    name: str | None,
    mode: str,
    context_window_size: int,
    agents: list[str],
    max_agents: int,
) -> Row: ...


@query("chat/select_original_group")
def select_original_group(*, customer_id: int, group_id: UUID) -> str | None: ...


@query("chat/list_original_groups")
def list_original_groups(*, customer_id: int) -> str: ...


@query("chat/list_groups")
def list_groups(*, customer_id: int) -> str: ...


@query("chat/update_group")
def update_group(
    *,
    customer_id: int,
    group_id: UUID,
    patch: Jsonb,
    add_agents: list[str],
    remove_agents: list[str],
) -> Row | None: ...


@query("chat/delete_group")
def delete_group(*, customer_id: int, group_id: UUID) -> int: ...


# -- summaries


@query("chat/select_summary")
def select_summary(*, customer_id: int, session_id: UUID) -> str | None: ...


@query("chat/upsert_summary")
def upsert_summary(
    *,
    customer_id: int,
    session_id: UUID,
    summary: str,
    key_topics: Jsonb,
    main_entities: Jsonb,
    tags: Jsonb | None,
    message_count: int | None,
    first_message_date: datetime | None,
    last_message_date: datetime | None,
    summary_model: str,
    summary_config_version: int,
) -> str | None: ...


@query("chat/list_stale_summaries")
def list_stale_summaries(*, customer_id: int, min_messages: int, page_limit: int) -> str: ...


# -- maintenance


@query("chat/select_favorites")
def select_favorites(*, customer_id: int, include_session_metadata: bool) -> str: ...


@query("chat/list_file_messages")
def list_file_messages(
    *,
    customer_id: int,
    older_then_date: datetime | None,
    younger_then_date: datetime | None,
    exact_filename: str | None,
    ai_only: bool,
    file_extension: str | None,
    check_image_locations: bool,
    page_offset: int,
    page_limit: int,
) -> Row: ...
