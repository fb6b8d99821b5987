"""Helpers the chat tests share (this module holds no tests)."""

from __future__ import annotations

from typing import Any

from psycopg import sql

CHAT = "/api/v1/chat"


def store(client, account, text: str = "Hello", *, ai: str | None = None, **fields: Any) -> dict:
    """POST /messages: a user message (and an AI answer); returns the response's data."""
    body: dict[str, Any] = {"user_message": {"message": text}, **fields}
    if ai is not None:
        body["ai_response"] = {"message": ai}
    response = client.post(f"{CHAT}/messages", json=body, headers=account.headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json["data"]


def rows(conn, sql: str, *params: Any) -> list[dict]:
    return conn.execute(sql, params).fetchall()


def count(conn, table: str) -> int:
    statement = sql.SQL("SELECT count(*) AS n FROM aiapp.{}").format(sql.Identifier(table))
    return conn.execute(statement).fetchone()["n"]
