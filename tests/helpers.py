"""Small helpers the tests share."""

from __future__ import annotations

import json
from dataclasses import dataclass

TEST_PASSWORD = "correct horse battery"


@dataclass
class Account:
    customer_id: int
    email: str
    password: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def assert_error(response, code: int, field: str | None = None) -> dict:
    """The error envelope, with a message for `field` when given."""
    assert response.status_code == code, response.get_data(as_text=True)
    body = response.json
    assert body["success"] is False
    assert body["code"] == code
    assert body["message"]
    if field is not None:
        assert body["data"]["errors"][field], body
    return body


def log_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]
