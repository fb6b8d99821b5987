"""Shared by the tests of the Garmin training routes: request helpers and activities."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from psycopg import sql

API = "/api/v1/garmin"


def call(client, method: str, account, path: str, **kwargs: Any):
    return client.open(f"{API}{path}", method=method, headers=account.headers, **kwargs)


def ok(response, code: int = 200) -> Any:
    assert response.status_code == code, response.get_data(as_text=True)
    assert response.json["success"] is True
    return response.json["data"]


def store_activities(client, account, activities: list[dict[str, Any]]) -> None:
    response = call(client, "POST", account, "/activities", json={"items": activities})
    ok(response)


def activity(activity_id: int, day: date, load: float = 0, **fields: Any) -> dict[str, Any]:
    return {
        "activity_id": activity_id,
        "calendar_date": day.isoformat(),
        "activity_type": "running",
        "activity_activity_training_load": load,
        **fields,
    }


def daily_loads(first_id: int, start: date, loads: list[float]) -> list[dict[str, Any]]:
    """One activity a day from `start`, with the given training loads."""
    return [activity(first_id + n, start + timedelta(n), load) for n, load in enumerate(loads)]


def count(conn, table: str) -> int:
    """Rows of a non-production Garmin table (every user's)."""
    statement = sql.SQL("SELECT count(*) AS n FROM aiapp_nonprod.{}").format(sql.Identifier(table))
    return conn.execute(statement).fetchone()["n"]
