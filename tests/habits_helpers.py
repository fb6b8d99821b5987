"""Steps the habits tests share: families with members, habits and logs, through the API."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from tests.helpers import Account

API = "/api/v1/habits"


def create_family(client, owner: Account, name: str = "The Smiths") -> str:
    made = client.post(f"{API}/families", headers=owner.headers, json={"name": name})
    assert made.status_code == 201, made.json
    return made.json["data"]["family_id"]


def join(client, family_id: str, inviter: Account, member: Account, role: str = "member") -> None:
    """Invite and accept: `member` becomes an accepted member with `role`."""
    invited = client.post(
        f"{API}/families/{family_id}/invitations",
        headers=inviter.headers,
        json={"email": member.email, "role": role},
    )
    assert invited.status_code == 201, invited.json
    accepted = client.post(f"{API}/families/{family_id}/accept", headers=member.headers)
    assert accepted.status_code == 200, accepted.json


def create_habit(client, account: Account, **fields: Any) -> dict:
    payload = {"name": "Read", "habit_type": "boolean", **fields}
    made = client.post(f"{API}/habits", headers=account.headers, json=payload)
    assert made.status_code == 201, made.json
    return made.json["data"]


def log_day(client, account: Account, habit_id: str, day: str, **fields: Any):
    return client.post(
        f"{API}/habits/{habit_id}/logs", headers=account.headers, json={"log_date": day, **fields}
    )


def count(conn, table: str) -> int:
    statement = sql.SQL("SELECT count(*) AS n FROM habits.{}").format(sql.Identifier(table))
    return conn.execute(statement).fetchone()["n"]


def backdate_deletions(conn, table: str, days: int = 31) -> None:
    """Make every soft-deleted row of a table look deleted `days` ago."""
    statement = sql.SQL(
        "UPDATE habits.{} SET deleted_at = now() - make_interval(days => %s)"
        " WHERE deleted_at IS NOT NULL"
    ).format(sql.Identifier(table))
    conn.execute(statement, (days,))
